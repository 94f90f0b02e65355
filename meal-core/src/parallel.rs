//! Work spread over the machine's cores: results in input order, nothing lost when a thread
//! cannot start, and one thread on WebAssembly (which has none to offer).

/// Runs `work` on every item, on as many threads as the machine offers (none on WebAssembly),
/// and returns the results in item order. A thread that cannot be started leaves its items to
/// the others, so this never fails.
pub(crate) fn parallel_map<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Mutex, PoisonError};

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(work).collect();
    }
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let results: Vec<Mutex<Option<R>>> = slots.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let drain = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let (Some(slot), Some(result)) = (slots.get(index), results.get(index)) else {
            break;
        };
        let item = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(item) = item {
            let value = work(item);
            *result.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.min(slots.len()) {
            // On failure the remaining items are drained by this thread below.
            let _ = std::thread::Builder::new().spawn_scoped(scope, drain);
        }
        drain();
    });
    results
        .into_iter()
        .filter_map(|r| r.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parallel_map;
    use proptest::prelude::*;

    #[test]
    fn keeps_item_order() {
        let out = parallel_map((0..100).collect(), |i: i32| i * 2);
        assert_eq!(out, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    proptest! {
        /// Whatever the count, every item comes back once, in order.
        #[test]
        fn is_a_plain_map(items in proptest::collection::vec(any::<u32>(), 0..300)) {
            let expected: Vec<u64> = items.iter().map(|&i| u64::from(i) + 1).collect();
            prop_assert_eq!(parallel_map(items, |i| u64::from(i) + 1), expected);
        }
    }
}
