//! 分片并行 (work in shares): a slice cut into contiguous shares, each worked on its own
//! thread, the results given back in the slice's order. Whatever the thread count, the
//! results are the same: the shares are cut by position and put back in order, and a share
//! whose thread cannot be joined is worked again on the calling thread. Without the
//! `threads` feature (the phone library) every share is worked on the calling thread.

use std::num::NonZeroUsize;

/// `work` applied to contiguous shares of `items` (each at least `min_share` long, at most
/// `threads` of them), with each share's offset in `items`; one result per share, in order.
pub(crate) fn in_shares<T, R>(
    items: &[T],
    threads: NonZeroUsize,
    min_share: usize,
    work: impl Fn(&[T], usize) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = threads
        .get()
        .min(items.len().div_ceil(min_share.max(1)))
        .max(1);
    if threads <= 1 {
        return vec![work(items, 0)];
    }
    on_threads(items, threads, &work)
}

#[cfg(feature = "threads")]
fn on_threads<T, R>(
    items: &[T],
    threads: usize,
    work: &(impl Fn(&[T], usize) -> R + Sync),
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let share = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let mut shares = items.chunks(share);
        let first = shares.next().unwrap_or_default();
        let rest: Vec<_> = shares
            .enumerate()
            .map(|(k, s)| {
                let offset = share.saturating_mul(k.saturating_add(1));
                (s, offset, scope.spawn(move || work(s, offset)))
            })
            .collect();
        let mut out = Vec::with_capacity(threads);
        out.push(work(first, 0));
        for (s, offset, handle) in rest {
            // INVARIANT: the work returns its errors, never unwinds; should a thread fail
            // anyway, its share is worked again here.
            out.push(handle.join().unwrap_or_else(|_| work(s, offset)));
        }
        out
    })
}

#[cfg(not(feature = "threads"))]
fn on_threads<T, R>(
    items: &[T],
    _threads: usize,
    work: &(impl Fn(&[T], usize) -> R + Sync),
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    vec![work(items, 0)]
}

/// `a` and `b` at once when `threads` allows two (`b` on a thread of its own), else one
/// after the other; their results, as the two calls give them alone.
pub(crate) fn both<A, B>(
    threads: NonZeroUsize,
    a: impl FnOnce() -> A,
    b: impl Fn() -> B + Sync,
) -> (A, B)
where
    B: Send,
{
    if threads.get() <= 1 {
        return (a(), b());
    }
    beside(a, b)
}

#[cfg(feature = "threads")]
fn beside<A, B>(a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B)
where
    B: Send,
{
    std::thread::scope(|scope| {
        let other = scope.spawn(&b);
        let first = a();
        // INVARIANT: the work returns its errors, never unwinds; should the thread fail
        // anyway, its work is done again here.
        let second = other.join().unwrap_or_else(|_| b());
        (first, second)
    })
}

#[cfg(not(feature = "threads"))]
fn beside<A, B>(a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B)
where
    B: Send,
{
    (a(), b())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn shares_come_back_in_order_whatever_the_thread_count() {
        let items: Vec<u32> = (0..10_000).collect();
        let sum_of = |threads: usize| -> Vec<(usize, u64)> {
            in_shares(
                &items,
                NonZeroUsize::new(threads).unwrap(),
                100,
                |s, offset| {
                    s.iter()
                        .enumerate()
                        .map(|(i, v)| (offset + i, u64::from(*v)))
                        .collect::<Vec<_>>()
                },
            )
            .into_iter()
            .flatten()
            .collect()
        };
        let one = sum_of(1);
        assert_eq!(one.len(), 10_000);
        assert!(one.iter().all(|(i, v)| *i as u64 == *v));
        for threads in [2, 3, 7, 64] {
            assert_eq!(sum_of(threads), one, "{threads}");
        }
        // Fewer items than a share: one share, on the calling thread.
        let few = in_shares(&items[..5], NonZeroUsize::new(4).unwrap(), 100, |s, o| {
            (s.len(), o)
        });
        assert_eq!(few, vec![(5, 0)]);
        let none: Vec<usize> = in_shares(&items[..0], NonZeroUsize::new(4).unwrap(), 1, |s, _| {
            s.len()
        });
        assert_eq!(none, vec![0]);
    }

    #[test]
    fn both_gives_what_each_call_gives_alone() {
        for threads in [1, 2, 4] {
            let threads = NonZeroUsize::new(threads).unwrap();
            let (a, b) = both(threads, || 6 * 7, || "beside".len());
            assert_eq!((a, b), (42, 6));
        }
    }
}
