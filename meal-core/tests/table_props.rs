//! Properties of cell suppression, checked by an attacker written here, independently of the
//! library's solver: exact rational Gaussian elimination (a fraction type below) on the
//! system an intruder can write from a published table — one unknown per suppressed cell, one
//! equation per margin relation (a total equals the sum of the cells it covers along one
//! dimension) with the published values moved to the right-hand side. A suppressed cell is
//! recovered when its row of the reduced system is a unit row; its value is then the
//! right-hand side. The library works on the dual (ambiguity vectors over prime fields); this
//! file shares none of it.

// Tests: a broken fixture or an overflow in the attacker should fail loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use meal_core::disclosure::suppression::{
    suppress, suppress_primary_only, Rules, Status, Suppression, ZeroRule,
};
use meal_core::disclosure::table::{Dimension, Table};
use proptest::prelude::*;

/// An exact fraction over i128, always reduced, denominator positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fraction {
    num: i128,
    den: i128,
}

impl Fraction {
    const ZERO: Fraction = Fraction { num: 0, den: 1 };

    fn int(n: i128) -> Fraction {
        Fraction { num: n, den: 1 }
    }

    fn new(num: i128, den: i128) -> Fraction {
        assert!(den != 0, "division by zero in the attacker");
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Fraction {
            num: sign * num / g,
            den: sign * den / g,
        }
    }

    fn is_zero(self) -> bool {
        self.num == 0
    }

    fn sub(self, other: Fraction) -> Fraction {
        let num = self
            .num
            .checked_mul(other.den)
            .and_then(|a| {
                other
                    .num
                    .checked_mul(self.den)
                    .and_then(|b| a.checked_sub(b))
            })
            .expect("attacker overflow");
        Fraction::new(
            num,
            self.den.checked_mul(other.den).expect("attacker overflow"),
        )
    }

    fn mul(self, other: Fraction) -> Fraction {
        let num = self.num.checked_mul(other.num).expect("attacker overflow");
        Fraction::new(
            num,
            self.den.checked_mul(other.den).expect("attacker overflow"),
        )
    }

    fn div(self, other: Fraction) -> Fraction {
        self.mul(Fraction::new(other.den, other.num))
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A table as the test sees it: sizes, inner counts (row-major), every cell's coordinates
/// (`None` = Total) and its true value computed here by brute force.
struct Truth {
    sizes: Vec<usize>,
    cells: Vec<Vec<Option<usize>>>,
    values: Vec<u64>,
}

impl Truth {
    fn new(sizes: &[usize], inner: &[u64]) -> Truth {
        // cell order: row-major, each coordinate runs through its categories then Total
        let mut cells: Vec<Vec<Option<usize>>> = vec![vec![]];
        for size in sizes {
            cells = cells
                .into_iter()
                .flat_map(|prefix| {
                    (0..=*size).map(move |c| {
                        let mut next = prefix.clone();
                        next.push((c < *size).then_some(c));
                        next
                    })
                })
                .collect();
        }
        let values = cells
            .iter()
            .map(|coords| {
                let mut sum = 0;
                for (i, count) in inner.iter().enumerate() {
                    let mut rest = i;
                    let mut digits = vec![0; sizes.len()];
                    for k in (0..sizes.len()).rev() {
                        digits[k] = rest % sizes[k];
                        rest /= sizes[k];
                    }
                    if coords
                        .iter()
                        .zip(&digits)
                        .all(|(c, d)| c.is_none_or(|c| c == *d))
                    {
                        sum += count;
                    }
                }
                sum
            })
            .collect();
        Truth {
            sizes: sizes.to_vec(),
            cells,
            values,
        }
    }

    fn index(&self, coords: &[Option<usize>]) -> usize {
        self.cells.iter().position(|c| c == coords).unwrap()
    }

    /// Every margin relation: (total cell, the cells it sums along one dimension).
    fn relations(&self) -> Vec<(usize, Vec<usize>)> {
        let mut out = Vec::new();
        for (t, coords) in self.cells.iter().enumerate() {
            for k in 0..self.sizes.len() {
                if coords[k].is_none() {
                    let parts = (0..self.sizes[k])
                        .map(|c| {
                            let mut part = coords.clone();
                            part[k] = Some(c);
                            self.index(&part)
                        })
                        .collect();
                    out.push((t, parts));
                }
            }
        }
        out
    }
}

/// The attacker's reduced system over the suppressed cells.
struct Attack {
    unknowns: Vec<usize>,
    /// Reduced rows: coefficients over `unknowns`, then the right-hand side.
    rows: Vec<Vec<Fraction>>,
    pivots: Vec<usize>,
}

impl Attack {
    fn new(truth: &Truth, published: &[Option<u64>]) -> Attack {
        let unknowns: Vec<usize> = (0..published.len())
            .filter(|c| published[*c].is_none())
            .collect();
        let column = |cell: usize| unknowns.iter().position(|u| *u == cell);
        let mut rows = Vec::new();
        for (total, parts) in truth.relations() {
            // total − Σ parts = 0, published values to the right
            let mut row = vec![Fraction::ZERO; unknowns.len() + 1];
            let mut rhs = 0i128;
            for (cell, sign) in
                std::iter::once((total, 1i128)).chain(parts.iter().map(|p| (*p, -1)))
            {
                match column(cell) {
                    Some(j) => row[j] = row[j].sub(Fraction::int(-sign)),
                    None => rhs -= sign * i128::from(published[cell].unwrap()),
                }
            }
            *row.last_mut().unwrap() = Fraction::int(rhs);
            if row[..unknowns.len()].iter().any(|f| !f.is_zero()) {
                rows.push(row);
            }
        }
        let (rows, pivots) = reduce(rows, unknowns.len());
        Attack {
            unknowns,
            rows,
            pivots,
        }
    }

    /// The cells whose value the attacker recovers, with that value.
    fn recovered(&self) -> Vec<(usize, Fraction)> {
        self.rows
            .iter()
            .zip(&self.pivots)
            .filter(|(row, pivot)| {
                row[..self.unknowns.len()]
                    .iter()
                    .enumerate()
                    .all(|(j, f)| j == **pivot || f.is_zero())
            })
            .map(|(row, pivot)| (self.unknowns[*pivot], *row.last().unwrap()))
            .collect()
    }

    /// True when the sum of `cells` (all suppressed) is fixed by the system.
    fn determines_sum(&self, cells: &[usize]) -> bool {
        let mut v = vec![Fraction::ZERO; self.unknowns.len()];
        for cell in cells {
            let j = self
                .unknowns
                .iter()
                .position(|u| u == cell)
                .expect("a suppressed cell");
            v[j] = Fraction::int(1);
        }
        for (row, pivot) in self.rows.iter().zip(&self.pivots) {
            let factor = v[*pivot];
            if !factor.is_zero() {
                for j in 0..v.len() {
                    v[j] = v[j].sub(factor.mul(row[j]));
                }
            }
        }
        v.iter().all(|f| f.is_zero())
    }
}

/// Reduced row echelon form over the first `width` columns (the last column rides along).
fn reduce(mut rows: Vec<Vec<Fraction>>, width: usize) -> (Vec<Vec<Fraction>>, Vec<usize>) {
    let mut pivots = Vec::new();
    let mut top = 0;
    for col in 0..width {
        let Some(found) = (top..rows.len()).find(|r| !rows[*r][col].is_zero()) else {
            continue;
        };
        rows.swap(top, found);
        let lead = rows[top][col];
        rows[top] = rows[top].iter().map(|f| f.div(lead)).collect();
        for r in 0..rows.len() {
            if r != top && !rows[r][col].is_zero() {
                let factor = rows[r][col];
                let pivot_row = rows[top].clone();
                for (x, p) in rows[r].iter_mut().zip(&pivot_row) {
                    *x = x.sub(factor.mul(*p));
                }
            }
        }
        pivots.push(col);
        top += 1;
    }
    rows.truncate(top);
    (rows, pivots)
}

fn build(sizes: &[usize], inner: &[u64]) -> Table {
    let dimensions = sizes
        .iter()
        .enumerate()
        .map(|(k, size)| Dimension {
            name: format!("d{k}"),
            categories: (0..*size).map(|c| format!("c{c}")).collect(),
        })
        .collect();
    Table::new(dimensions, inner.to_vec()).unwrap()
}

fn published(s: &Suppression) -> Vec<Option<u64>> {
    s.cells.iter().map(|c| c.value).collect()
}

/// Sizes 1–3 dimensions of 2–5 categories (3 dimensions: up to 4), counts 0–20, many small.
fn table_strategy() -> impl Strategy<Value = (Vec<usize>, Vec<u64>)> {
    prop_oneof![
        prop::collection::vec(2usize..=5, 1..=2),
        prop::collection::vec(2usize..=4, 3..=3),
    ]
    .prop_flat_map(|sizes| {
        let n: usize = sizes.iter().product();
        let count = prop_oneof![3 => 0u64..5, 2 => 0u64..=20];
        (Just(sizes), prop::collection::vec(count, n))
    })
}

/// Rules: thresholds 3–6, both zero rules, singletons on or off, exact or with a small
/// ambiguity limit (which must stay just as safe).
fn rules_strategy() -> impl Strategy<Value = Rules> {
    let limit = prop_oneof![3 => Just(None), 1 => (2u64..=12).prop_map(Some)];
    (3u64..=6, any::<bool>(), any::<bool>(), limit).prop_map(
        |(threshold, sensitive, singletons, ambiguity_limit)| Rules {
            threshold,
            zeros: if sensitive {
                ZeroRule::Sensitive
            } else {
                ZeroRule::Safe
            },
            singletons,
            ambiguity_limit,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_suppressed_cell_can_be_recovered((sizes, inner) in table_strategy(), rules in rules_strategy()) {
        let truth = Truth::new(&sizes, &inner);
        let result = suppress(&build(&sizes, &inner), &rules).unwrap();
        let attack = Attack::new(&truth, &published(&result));
        prop_assert!(attack.recovered().is_empty(), "recovered {:?}", attack.recovered());
        if rules.singletons {
            // the sum of two or more primary singletons within a margin stays unknown
            for (index, coords) in truth.cells.iter().enumerate() {
                if coords.iter().all(Option::is_some) {
                    continue;
                }
                let singles: Vec<usize> = (0..truth.cells.len())
                    .filter(|c| truth.cells[*c].iter().all(Option::is_some))
                    .filter(|c| truth.values[*c] == 1 && 1 < rules.threshold)
                    .filter(|c| coords.iter().zip(&truth.cells[*c]).all(|(t, x)| t.is_none() || t == x))
                    .collect();
                if singles.len() >= 2 {
                    prop_assert!(!attack.determines_sum(&singles), "singletons of cell {index}");
                }
            }
        }
    }

    #[test]
    fn statuses_values_and_counts_are_faithful((sizes, inner) in table_strategy(), rules in rules_strategy()) {
        let truth = Truth::new(&sizes, &inner);
        let table = build(&sizes, &inner);
        let result = suppress(&table, &rules).unwrap();
        prop_assert_eq!(result.cells.len(), truth.cells.len(), "every cell accounted for");
        for (cell, value) in result.cells.iter().zip(&truth.values) {
            let primary = match *value {
                0 => rules.zeros == ZeroRule::Sensitive,
                n => n < rules.threshold,
            };
            prop_assert_eq!(cell.status == Status::Primary, primary);
            match cell.status {
                Status::Published => prop_assert_eq!(cell.value, Some(*value)),
                _ => prop_assert_eq!(cell.value, None),
            }
        }
        let loss = &result.loss;
        prop_assert_eq!(loss.cells, truth.cells.len());
        prop_assert_eq!(loss.published + loss.primary + loss.secondary, loss.cells);
        prop_assert_eq!(loss.grand_total, inner.iter().sum::<u64>());
        let hidden: u64 = result.cells.iter().zip(&truth.cells).zip(&truth.values)
            .filter(|((cell, coords), _)| cell.status != Status::Published && coords.iter().all(Option::is_some))
            .map(|(_, v)| *v)
            .sum();
        prop_assert_eq!(loss.suppressed_count, hidden);
        prop_assert_eq!(suppress(&table, &rules).unwrap(), result, "deterministic");
    }
}

#[test]
fn the_attacker_recovers_cells_when_secondary_suppression_is_skipped() {
    // 2 × 2: (a,a) = 2 is primary; with every other cell published, row a gives it away.
    let (sizes, inner) = (vec![2, 2], vec![2, 10, 8, 9]);
    let truth = Truth::new(&sizes, &inner);
    let naive = suppress_primary_only(&build(&sizes, &inner), &Rules::default()).unwrap();
    let recovered = Attack::new(&truth, &published(&naive)).recovered();
    assert_eq!(recovered, [(0, Fraction::int(2))]);
    // 3 × 3 with two small cells in different rows and columns: both are recovered.
    let (sizes, inner) = (vec![3, 3], vec![1, 9, 8, 7, 6, 3, 5, 9, 9]);
    let truth = Truth::new(&sizes, &inner);
    let naive = suppress_primary_only(&build(&sizes, &inner), &Rules::default()).unwrap();
    let mut recovered = Attack::new(&truth, &published(&naive)).recovered();
    recovered.sort_by_key(|(cell, _)| *cell);
    let cell = |coords: [Option<usize>; 2]| truth.index(&coords);
    assert_eq!(
        recovered,
        [
            (cell([Some(0), Some(0)]), Fraction::int(1)),
            (cell([Some(1), Some(2)]), Fraction::int(3))
        ]
    );
    // and the same tables, properly suppressed, give nothing away
    for (sizes, inner) in [
        (vec![2, 2], vec![2, 10, 8, 9]),
        (vec![3, 3], vec![1, 9, 8, 7, 6, 3, 5, 9, 9]),
    ] {
        let truth = Truth::new(&sizes, &inner);
        let safe = suppress(&build(&sizes, &inner), &Rules::default()).unwrap();
        assert!(Attack::new(&truth, &published(&safe))
            .recovered()
            .is_empty());
    }
}

#[test]
fn the_attacker_finds_summed_singletons() {
    // one dimension: w = 1, x = 1, y = 20, z = 30; publishing y and the total gives w + x = 2
    let (sizes, inner) = (vec![4], vec![1, 1, 20, 30]);
    let truth = Truth::new(&sizes, &inner);
    let rules = Rules {
        singletons: false,
        ..Rules::default()
    };
    let loose = suppress(&build(&sizes, &inner), &rules).unwrap();
    let attack = Attack::new(&truth, &published(&loose));
    assert!(
        attack.recovered().is_empty(),
        "each singleton alone stays hidden"
    );
    assert!(attack.determines_sum(&[0, 1]), "but their sum is known");
    let strict = suppress(&build(&sizes, &inner), &Rules::default()).unwrap();
    assert!(!Attack::new(&truth, &published(&strict)).determines_sum(&[0, 1]));
}

#[test]
fn tables_from_records_lose_no_record() {
    let records: Vec<String> = (0..50)
        .map(|i| match i % 7 {
            0 => format!(r#"{{"site": "s{}"}}"#, i % 3),
            1 => r#"{"site": null, "sex": "f"}"#.to_owned(),
            _ => format!(
                r#"{{"site": "s{}", "sex": "{}"}}"#,
                i % 3,
                ["f", "m"][i % 2]
            ),
        })
        .collect();
    let table = Table::from_records(&format!("[{}]", records.join(",")), &["site", "sex"]).unwrap();
    assert_eq!(table.grand_total(), 50);
    assert!(table
        .dimensions()
        .iter()
        .all(|d| d.categories.last().unwrap() == "unknown"));
}
