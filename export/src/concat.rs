//! 分块拼接 (a table built in parts): the items, the events and the obligations of a large
//! ledger are built a part at a time on each core, then joined in order (issue 22: an
//! analyst's tables at memory speed).
//!
//! The joined table is the table one builder gives for all the rows, column for column:
//! text and lists are copied part after part, and a class column's dictionary keeps its
//! values in the order they first appear in the rows, as one dictionary builder writes them
//! (`a_table_built_in_parts_is_the_table_built_at_once`).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int32Type;
use arrow_array::{Array, DictionaryArray, Int32Array, StringArray};

use crate::table::{Column, Table};

/// Fewer rows than this to a part are built on one thread: starting another costs more than
/// it saves.
pub(crate) const ROWS_PER_PART: usize = 16_384;

/// The table of rows `0..rows`, built by `build` over consecutive ranges, one per thread (at
/// most `threads`, each of at least `min_part` rows), then joined in order. Whatever the
/// number of threads, the table is the one `build(0..rows)` gives, and so is the error: the
/// first part's that fails, which holds the first failing row.
pub(crate) fn built_in_parts<E, F>(
    rows: usize,
    threads: NonZeroUsize,
    min_part: usize,
    build: F,
) -> Result<Table, E>
where
    E: Send,
    F: Fn(Range<usize>) -> Result<Table, E> + Sync,
{
    let parts = threads
        .get()
        .min(rows.checked_div(min_part).unwrap_or(rows))
        .max(1);
    if parts == 1 {
        return build(0..rows);
    }
    let per = rows.div_ceil(parts);
    let ranges: Vec<Range<usize>> = (0..parts)
        .map(|p| {
            let start = p.saturating_mul(per).min(rows);
            start..start.saturating_add(per).min(rows)
        })
        .collect();
    let made: Vec<Option<Result<Table, E>>> = std::thread::scope(|scope| {
        let build = &build;
        let handles: Vec<_> = ranges
            .iter()
            .map(|r| {
                let r = r.clone();
                scope.spawn(move || build(r))
            })
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    let mut tables = Vec::with_capacity(parts);
    for part in made {
        match part {
            Some(Ok(table)) => tables.push(table),
            Some(Err(e)) => return Err(e),
            // A part whose thread failed is built again with the rest, at once: the table
            // is the same either way.
            None => return build(0..rows),
        }
    }
    match concat(tables) {
        Some(table) => Ok(table),
        None => build(0..rows),
    }
}

/// [`built_in_parts`] of a build that cannot fail.
pub(crate) fn built_in_parts_surely(
    rows: usize,
    threads: NonZeroUsize,
    min_part: usize,
    build: impl Fn(Range<usize>) -> Table + Sync,
) -> Table {
    match built_in_parts::<Infallible, _>(rows, threads, min_part, |r| Ok(build(r))) {
        Ok(table) => table,
        Err(never) => match never {},
    }
}

/// The threads a table may be built on: the machine's cores, as the ledger's own reading
/// uses them.
pub(crate) fn cores() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// The rows of `parts`, in order, as one table; `None` when the parts' names or column
/// kinds differ.
pub fn concat(parts: Vec<Table>) -> Option<Table> {
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    let rest: Vec<Table> = parts.collect();
    if rest.iter().any(|t| t.names != first.names) {
        return None;
    }
    let rows = rest
        .iter()
        .try_fold(first.rows, |n, t| n.checked_add(t.rows))?;
    let mut columns = Vec::with_capacity(first.columns.len());
    for (at, head) in first.columns.into_iter().enumerate() {
        let tail: Vec<&Column> = rest
            .iter()
            .map(|t| t.columns.get(at))
            .collect::<Option<_>>()?;
        columns.push(join(head, &tail)?);
    }
    Some(Table {
        names: first.names,
        columns,
        rows,
    })
}

/// Appends the vectors of `tail` (each of `head`'s kind) to `head`.
fn extend<T: Clone>(
    mut head: Vec<T>,
    tail: &[&Column],
    of: impl Fn(&Column) -> Option<&Vec<T>>,
) -> Option<Vec<T>> {
    for c in tail {
        head.extend_from_slice(of(c)?);
    }
    Some(head)
}

/// `head` and the arrays of `tail` (each of `head`'s kind) as one array.
fn arrays<'a>(
    head: &'a dyn Array,
    tail: &[&'a Column],
    of: impl Fn(&'a Column) -> Option<&'a dyn Array>,
) -> Option<arrow_array::ArrayRef> {
    let mut all = vec![head];
    for c in tail {
        all.push(of(c)?);
    }
    arrow_select::concat::concat(&all).ok()
}

/// One column of the joined table.
fn join(head: Column, tail: &[&Column]) -> Option<Column> {
    // The columns of plain vectors: each part's values appended to the first's.
    macro_rules! vectors {
        ($($variant:ident),*) => {
            match head {
                $(Column::$variant(v) => {
                    return extend(v, tail, |c| match c {
                        Column::$variant(v) => Some(v),
                        _ => None,
                    })
                    .map(Column::$variant);
                })*
                arrow => arrow,
            }
        };
    }
    match vectors!(Str, Class, Int, Float, Date, Bool, StrList, IntList) {
        Column::Text(a) => {
            let joined = arrays(&a, tail, |c| match c {
                Column::Text(t) => Some(t as &dyn Array),
                _ => None,
            })?;
            Some(Column::Text(joined.as_string_opt::<i32>()?.clone()))
        }
        Column::TextLists(a) => {
            let joined = arrays(&a, tail, |c| match c {
                Column::TextLists(t) => Some(t as &dyn Array),
                _ => None,
            })?;
            Some(Column::TextLists(joined.as_list_opt::<i32>()?.clone()))
        }
        Column::Classes(a) => {
            let mut all = vec![&a];
            for c in tail {
                match c {
                    Column::Classes(t) => all.push(t),
                    _ => return None,
                }
            }
            join_classes(&all).map(Column::Classes)
        }
        // INVARIANT: `vectors!` returned every other kind.
        _ => None,
    }
}

/// Class columns joined under one dictionary, its values in order of first appearance
/// (the first part's values, then each later part's new ones in its own order: how one
/// builder fed every row in turn orders them).
fn join_classes(parts: &[&DictionaryArray<Int32Type>]) -> Option<DictionaryArray<Int32Type>> {
    let mut values: Vec<&str> = Vec::new();
    let mut position: BTreeMap<&str, i32> = BTreeMap::new();
    let mut keys: Vec<Option<i32>> = Vec::with_capacity(parts.iter().map(|p| Array::len(*p)).sum());
    for part in parts {
        let dictionary: &StringArray = part.values().as_string_opt::<i32>()?;
        let mut to: Vec<i32> = Vec::with_capacity(dictionary.len());
        for value in dictionary {
            let value = value?;
            let next = i32::try_from(values.len()).ok()?;
            let at = *position.entry(value).or_insert_with(|| {
                values.push(value);
                next
            });
            to.push(at);
        }
        for key in part.keys() {
            match key {
                Some(k) => keys.push(Some(*to.get(usize::try_from(k).ok()?)?)),
                None => keys.push(None),
            }
        }
    }
    DictionaryArray::try_new(Int32Array::from(keys), Arc::new(StringArray::from(values))).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use super::*;
    use crate::table::{ClassBuilder, TextBuilder, TextListBuilder};

    /// A table of every column kind over `rows`, its values cycling so that later rows bring
    /// classes the earlier ones did not have.
    fn sample(rows: Range<usize>) -> Table {
        let n = rows.len();
        let (mut text, mut class, mut lists) = (
            TextBuilder::with_capacity(n, n),
            ClassBuilder::new(),
            TextListBuilder::with_capacity(n),
        );
        let mut columns: Vec<(String, Column)> = Vec::new();
        for r in rows.clone() {
            text.push((r % 3 != 0).then(|| format!("t{r}")).as_deref());
            class.push((r % 5 != 0).then(|| format!("c{}", r / 7)).as_deref());
            lists.push(["a", "b"].iter().take(r % 3).copied());
        }
        let ints = |f: fn(usize) -> i64| rows.clone().map(|r| Some(f(r))).collect();
        columns.push(("text".into(), text.finish()));
        columns.push(("class".into(), class.finish()));
        columns.push(("lists".into(), lists.finish()));
        columns.push((
            "int".into(),
            Column::Int(ints(|r| i64::try_from(r).unwrap())),
        ));
        columns.push((
            "str".into(),
            Column::Str(rows.clone().map(|r| Some(r.to_string())).collect()),
        ));
        columns.push((
            "flag".into(),
            Column::Bool(rows.clone().map(|r| r % 2 == 0).collect()),
        ));
        Table::build(n, columns)
    }

    #[test]
    fn a_table_built_in_parts_is_the_table_built_at_once() {
        let rows = 3 * ROWS_PER_PART + 17;
        let whole = sample(0..rows);
        for threads in [1, 2, 3, 4, 8] {
            let got = built_in_parts_surely(
                rows,
                NonZeroUsize::new(threads).unwrap(),
                ROWS_PER_PART,
                sample,
            );
            assert_eq!(got, whole, "{threads} threads");
            assert_eq!(got.record_batch().unwrap(), whole.record_batch().unwrap());
        }
        // The dictionary itself, not only the values it gives, is the single builder's.
        let two = built_in_parts_surely(rows, NonZeroUsize::new(2).unwrap(), ROWS_PER_PART, sample);
        let (Column::Classes(a), Column::Classes(b)) = (&two.columns[1], &whole.columns[1]) else {
            panic!("class columns")
        };
        assert_eq!(a.values(), b.values());
        assert_eq!(a.keys(), b.keys());
    }

    #[test]
    fn a_failing_part_gives_the_error_of_the_first_failing_row() {
        let rows = 4 * ROWS_PER_PART;
        // Rows from `bad` on fail, each with its own number.
        let build = |bad: usize| {
            move |r: Range<usize>| match r.clone().find(|i| *i >= bad) {
                Some(i) => Err(i),
                None => Ok(sample(r)),
            }
        };
        for threads in [1, 2, 4] {
            let threads = NonZeroUsize::new(threads).unwrap();
            let one = |bad| built_in_parts(rows, threads, ROWS_PER_PART, build(bad));
            assert_eq!(one(rows + 1).unwrap(), sample(0..rows));
            assert_eq!(one(rows - 1).unwrap_err(), rows - 1);
            assert_eq!(one(ROWS_PER_PART + 3).unwrap_err(), ROWS_PER_PART + 3);
            assert_eq!(one(5).unwrap_err(), 5);
        }
    }

    #[test]
    fn parts_that_do_not_match_do_not_join() {
        let mut other = sample(0..4);
        other.names[0] = "renamed".into();
        assert!(concat(vec![sample(0..4), other]).is_none());
        let mut kinds = sample(0..4);
        kinds.columns[3] = Column::Float(vec![Some(1.0); 4]);
        assert!(concat(vec![sample(0..4), kinds]).is_none());
        assert!(concat(Vec::new()).is_none());
        assert_eq!(concat(vec![sample(0..4)]).unwrap(), sample(0..4));
    }
}
