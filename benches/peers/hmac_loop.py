"""Peer of meal-core/benches/pseudonym.rs: Python's `hmac` over the same 1 000 000 identifiers.

    python3 benches/peers/hmac_loop.py [count]

The identifiers come from the same generator as the Rust bench (below, `identifiers`). Each is
pseudonymised exactly as `meal_core::privacy::pseudonym` does: normalised (trim, white-space
runs as one space, lowercase), put into the domain-separated message
`b"meal.pseudonym.v1" + u64be(len purpose) + purpose + u64be(len id) + id`, then
`hmac.new(key, msg, 'sha256')`, the first 16 bytes in hex. Prints
`peer python-hmac: <ns> ns/op` (the full job, best of 3), `peer python-hmac-bare: <ns> ns/op`
(`hmac.new(...).digest()` alone over prebuilt messages), and the first pseudonym so the Rust
bench can check both computed the same thing.
"""

import hmac
import struct
import sys
import time

FIRST = ["Amina", "Fatou", "Mohamed", "Aïcha", "Youssef", "Mariam", "Ibrahim", "Hawa",
         "Omar", "Khadija", "Abdoulaye", "Zainab", "Élodie", "Samuel", "Nour", "Tesfaye"]
LAST = ["Diallo", "Sow", "Traoré", "Camara", "Haile", "Ahmadi", "Keita", "Bangura",
        "Mensah", "Okafor", "Nguyen", "Rahimi", "Youssouf", "Kebede", "Barry", "Coulibaly"]
KEY = bytes(range(32))
PURPOSE = b"care"
TAG = b"meal.pseudonym.v1"


def identifiers(count):
    """Two names for every phone number; names as forms write them (`Amina DIALLO`)."""
    out = []
    for i in range(count):
        if i % 3 == 2:
            n = (i * 2654435761) % 100_000_000
            out.append(f"+33 6 {n // 1_000_000:02d} {n // 10_000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d}")
        else:
            out.append(f"{FIRST[i % 16]} {LAST[(i * 7 + i // 16) % 16].upper()}")
    return out


def pseudonym(identifier):
    normalised = " ".join(identifier.split()).lower().encode()
    msg = TAG + struct.pack(">Q", len(PURPOSE)) + PURPOSE + struct.pack(">Q", len(normalised)) + normalised
    return hmac.new(KEY, msg, "sha256").digest()[:16].hex()


def best_of(runs, f):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter_ns()
        f()
        best = min(best, time.perf_counter_ns() - start)
    return best


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ids = identifiers(count)
    full = best_of(3, lambda: [pseudonym(i) for i in ids])
    messages = [TAG + struct.pack(">Q", 4) + PURPOSE + struct.pack(">Q", len(i.encode())) + i.encode() for i in ids]
    bare = best_of(3, lambda: [hmac.new(KEY, m, "sha256").digest() for m in messages])
    print(f"first pseudonym: {pseudonym(ids[0])}")
    print(f"peer python-hmac: {full / count:.1f} ns/op")
    print(f"peer python-hmac-bare: {bare / count:.1f} ns/op")


if __name__ == "__main__":
    main()
