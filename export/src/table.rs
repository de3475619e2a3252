//! 数据表 (a columnar table): named, typed columns of equal length, and their Arrow form.
//!
//! Types follow what an analyst's engine expects of each column: ids and free text as
//! strings, closed vocabularies (result classes, statuses, kinds) as dictionary strings, dates
//! as `date32`, counts as `int64`, lists of ids as `list<string>`.

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder, StringDictionaryBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float64Array, Int64Array,
    ListArray, RecordBatch, RecordBatchOptions, StringArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::{Datelike, NaiveDate};

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01, Arrow's `date32` epoch.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// `date32`: days since 1970-01-01.
pub fn date32(date: NaiveDate) -> Option<i32> {
    date.num_days_from_ce().checked_sub(UNIX_EPOCH_FROM_CE)
}

/// 列 (one column's values).
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Ids and free text (`utf8`).
    Str(Vec<Option<String>>),
    /// 类别 (a value of a closed vocabulary: a class, a status, a kind), stored as an Arrow
    /// dictionary of strings (`dictionary<int32, utf8>`).
    Class(Vec<Option<String>>),
    /// Counts and numbers (`int64`).
    Int(Vec<Option<i64>>),
    /// Fractions (`float64`).
    Float(Vec<Option<f64>>),
    /// Dates (`date32`).
    Date(Vec<Option<NaiveDate>>),
    /// Flags (`bool`, never null).
    Bool(Vec<bool>),
    /// Lists of ids (`list<utf8>`, never null: an empty list is empty, not missing).
    StrList(Vec<Vec<String>>),
    /// Lists of numbers (`list<int64>`, never null).
    IntList(Vec<Vec<i64>>),
    /// Ids and free text already in Arrow's buffers ([`TextBuilder`]: a large table's, with
    /// no `String` per value); read as [`Column::Str`].
    Text(StringArray),
    /// Classes already in Arrow's buffers ([`ClassBuilder`]); read as [`Column::Class`].
    Classes(DictionaryArray<Int32Type>),
    /// Lists of ids already in Arrow's buffers ([`TextListBuilder`]); read as
    /// [`Column::StrList`].
    TextLists(ListArray),
}

/// A text column built straight into Arrow's buffers (`utf8`).
#[derive(Debug, Default)]
pub struct TextBuilder(StringBuilder);

impl TextBuilder {
    /// Room for `rows` values of `bytes` bytes in all.
    pub fn with_capacity(rows: usize, bytes: usize) -> TextBuilder {
        TextBuilder(StringBuilder::with_capacity(rows, bytes))
    }

    /// The next row's value.
    pub fn push(&mut self, value: Option<&str>) {
        self.0.append_option(value);
    }

    /// The column.
    pub fn finish(mut self) -> Column {
        Column::Text(self.0.finish())
    }
}

/// A class column built straight into an Arrow dictionary (`dictionary<int32, utf8>`): each
/// distinct value stored once.
#[derive(Default)]
pub struct ClassBuilder(StringDictionaryBuilder<Int32Type>);

impl std::fmt::Debug for ClassBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClassBuilder").finish_non_exhaustive()
    }
}

impl ClassBuilder {
    /// An empty column.
    pub fn new() -> ClassBuilder {
        ClassBuilder::default()
    }

    /// The next row's value.
    pub fn push(&mut self, value: Option<&str>) {
        match value {
            // Int32 keys overflow only past 2^31 distinct values; should they, the value is
            // written as null rather than panicking.
            Some(s) => {
                if self.0.append(s).is_err() {
                    self.0.append_null();
                }
            }
            None => self.0.append_null(),
        }
    }

    /// The column.
    pub fn finish(mut self) -> Column {
        Column::Classes(self.0.finish())
    }
}

/// A column of lists of ids built straight into Arrow's buffers (`list<utf8>`, never null).
#[derive(Debug)]
pub struct TextListBuilder(ListBuilder<StringBuilder>);

impl TextListBuilder {
    /// Room for `rows` lists.
    pub fn with_capacity(rows: usize) -> TextListBuilder {
        TextListBuilder(ListBuilder::with_capacity(StringBuilder::new(), rows))
    }

    /// The next row's list.
    pub fn push<'a>(&mut self, values: impl IntoIterator<Item = &'a str>) {
        for v in values {
            self.0.values().append_value(v);
        }
        self.0.append(true);
    }

    /// The column.
    pub fn finish(mut self) -> Column {
        Column::TextLists(self.0.finish())
    }
}

impl Column {
    /// The column's length.
    pub fn len(&self) -> usize {
        match self {
            Column::Str(v) | Column::Class(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::StrList(v) => v.len(),
            Column::IntList(v) => v.len(),
            Column::Text(a) => a.len(),
            Column::Classes(a) => a.len(),
            Column::TextLists(a) => a.len(),
        }
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Arrow type of the column.
    pub fn arrow_type(&self) -> DataType {
        match self {
            Column::Str(_) | Column::Text(_) => DataType::Utf8,
            Column::Class(_) | Column::Classes(_) => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            Column::Int(_) => DataType::Int64,
            Column::Float(_) => DataType::Float64,
            Column::Date(_) => DataType::Date32,
            Column::Bool(_) => DataType::Boolean,
            Column::StrList(_) | Column::TextLists(_) => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
            }
            Column::IntList(_) => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Int64, true)))
            }
        }
    }

    /// `bool` and list columns never hold a null.
    pub fn nullable(&self) -> bool {
        !matches!(
            self,
            Column::Bool(_) | Column::StrList(_) | Column::IntList(_) | Column::TextLists(_)
        )
    }

    /// The column as an Arrow array.
    pub fn to_arrow(&self) -> ArrayRef {
        match self {
            Column::Str(v) => Arc::new(v.iter().map(Option::as_deref).collect::<StringArray>()),
            Column::Class(v) => {
                let mut builder = StringDictionaryBuilder::<Int32Type>::new();
                for value in v {
                    match value {
                        // A dictionary of Int32 keys overflows only past 2^31 distinct
                        // values; a class column holds a handful. Should it ever overflow,
                        // the value is written as null rather than panicking.
                        Some(s) => {
                            if builder.append(s).is_err() {
                                builder.append_null();
                            }
                        }
                        None => builder.append_null(),
                    }
                }
                Arc::new(builder.finish())
            }
            Column::Int(v) => Arc::new(v.iter().copied().collect::<Int64Array>()),
            Column::Float(v) => Arc::new(v.iter().copied().collect::<Float64Array>()),
            Column::Date(v) => Arc::new(
                v.iter()
                    .map(|d| d.and_then(date32))
                    .collect::<Date32Array>(),
            ),
            Column::Bool(v) => Arc::new(v.iter().map(|b| Some(*b)).collect::<BooleanArray>()),
            Column::StrList(v) => {
                let mut builder = ListBuilder::new(StringBuilder::new());
                for row in v {
                    for s in row {
                        builder.values().append_value(s);
                    }
                    builder.append(true);
                }
                Arc::new(builder.finish())
            }
            Column::IntList(v) => {
                let mut builder = ListBuilder::new(Int64Builder::new());
                for row in v {
                    builder.values().append_slice(row);
                    builder.append(true);
                }
                Arc::new(builder.finish())
            }
            // Already Arrow: the buffers are shared, not copied.
            Column::Text(a) => Arc::new(a.clone()),
            Column::Classes(a) => Arc::new(a.clone()),
            Column::TextLists(a) => Arc::new(a.clone()),
        }
    }

    /// The column's strings, row by row, for a column of text or classes (`None` for the
    /// other columns): what a reader of plain values gets whichever way the column was built.
    pub fn strings(&self) -> Option<Vec<Option<&str>>> {
        match self {
            Column::Str(v) | Column::Class(v) => Some(v.iter().map(Option::as_deref).collect()),
            Column::Text(a) => Some(a.iter().collect()),
            Column::Classes(a) => {
                let typed = a.downcast_dict::<StringArray>()?;
                Some(typed.into_iter().collect())
            }
            _ => None,
        }
    }

    /// The column's lists of strings, row by row, for a column of lists of ids (`None` for
    /// the other columns).
    pub fn string_lists(&self) -> Option<Vec<Vec<Option<&str>>>> {
        match self {
            Column::StrList(v) => Some(
                v.iter()
                    .map(|row| row.iter().map(|s| Some(s.as_str())).collect())
                    .collect(),
            ),
            Column::TextLists(a) => {
                let values = a.values().as_any().downcast_ref::<StringArray>()?;
                let offsets = a.value_offsets();
                Some(
                    offsets
                        .windows(2)
                        .map(|w| match w {
                            [start, end] => {
                                let start = usize::try_from(*start).unwrap_or(0);
                                let end = usize::try_from(*end).unwrap_or(start);
                                (start..end)
                                    .map(|i| values.is_valid(i).then(|| values.value(i)))
                                    .collect()
                            }
                            _ => Vec::new(),
                        })
                        .collect(),
                )
            }
            _ => None,
        }
    }
}

/// 表 (a table): named columns of equal length.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names, in order.
    pub names: Vec<String>,
    /// Columns, in the order of `names`.
    pub columns: Vec<Column>,
    /// Rows (kept apart so that a table without columns keeps its length).
    pub rows: usize,
}

impl Table {
    /// A table of `rows` rows from `(name, column)` pairs.
    pub fn build<S: Into<String>>(rows: usize, columns: Vec<(S, Column)>) -> Table {
        let (names, columns) = columns
            .into_iter()
            .map(|(name, values)| (name.into(), values))
            .unzip();
        Table {
            names,
            columns,
            rows,
        }
    }

    /// The same table with `(name, column)` pairs put before its own columns.
    #[must_use]
    pub fn with_leading(mut self, leading: Vec<(&str, Column)>) -> Table {
        let mut names: Vec<String> = leading.iter().map(|(n, _)| (*n).to_owned()).collect();
        let mut columns: Vec<Column> = leading.into_iter().map(|(_, c)| c).collect();
        names.append(&mut self.names);
        columns.append(&mut self.columns);
        Table {
            names,
            columns,
            rows: self.rows,
        }
    }

    /// The table as one Arrow record batch.
    ///
    /// # Errors
    /// An [`ArrowError`] when a column's length differs from the table's.
    pub fn record_batch(&self) -> Result<RecordBatch, ArrowError> {
        let fields: Vec<Field> = self
            .names
            .iter()
            .zip(&self.columns)
            .map(|(name, values)| Field::new(name, values.arrow_type(), values.nullable()))
            .collect();
        let schema: SchemaRef = Arc::new(Schema::new(fields));
        let arrays: Vec<ArrayRef> = self.columns.iter().map(Column::to_arrow).collect();
        let options = RecordBatchOptions::new().with_row_count(Some(self.rows));
        RecordBatch::try_new_with_options(schema, arrays, &options)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::Array;

    #[test]
    fn dates_are_days_since_1970() {
        assert_eq!(
            date32(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()),
            Some(0)
        );
        assert_eq!(
            date32(NaiveDate::from_ymd_opt(2022, 3, 5).unwrap()),
            Some(19_056)
        );
    }

    #[test]
    fn classes_are_dictionary_strings_and_lengths_are_checked() {
        let t = Table::build(
            3,
            vec![
                (
                    "class",
                    Column::Class(vec![Some("resolved".into()), None, Some("resolved".into())]),
                ),
                ("n", Column::Int(vec![Some(1), Some(2), None])),
            ],
        );
        let batch = t.record_batch().unwrap();
        let class = batch.column(0).as_dictionary::<Int32Type>();
        assert_eq!(class.values().len(), 1, "one distinct value stored once");
        assert!(class.is_null(1));
        assert_eq!(
            batch.schema().field(0).data_type(),
            &DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
        );
        let short = Table::build(3, vec![("n", Column::Int(vec![Some(1)]))]);
        assert!(short.record_batch().is_err());
    }

    #[test]
    fn columns_built_into_arrow_read_and_convert_as_the_owned_ones() {
        let words = [Some("甲"), None, Some("resolved"), Some("甲")];
        let lists: [&[&str]; 4] = [&["U-1", "U-2"], &[], &["U-3"], &[]];
        let mut text = TextBuilder::with_capacity(4, 16);
        let mut class = ClassBuilder::new();
        let mut list = TextListBuilder::with_capacity(4);
        for (w, l) in words.iter().zip(lists) {
            text.push(*w);
            class.push(*w);
            list.push(l.iter().copied());
        }
        let owned = |v: &[Option<&str>]| v.iter().map(|s| s.map(str::to_owned)).collect();
        let owned_lists: Vec<Vec<String>> = lists
            .iter()
            .map(|l| l.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        let pairs = [
            (text.finish(), Column::Str(owned(&words))),
            (class.finish(), Column::Class(owned(&words))),
            (list.finish(), Column::StrList(owned_lists)),
        ];
        for (built, plain) in &pairs {
            assert_eq!(built.len(), 4);
            assert_eq!(built.arrow_type(), plain.arrow_type());
            assert_eq!(built.nullable(), plain.nullable());
            assert_eq!(built.strings(), plain.strings());
            assert_eq!(built.string_lists(), plain.string_lists());
            assert_eq!(built.to_arrow().to_data(), plain.to_arrow().to_data());
        }
        let [(text, _), (class, _), (list, _)] = &pairs;
        assert_eq!(text.strings().unwrap(), words);
        assert_eq!(class.strings().unwrap(), words);
        assert_eq!(list.string_lists().unwrap()[0], [Some("U-1"), Some("U-2")]);
        assert!(text.string_lists().is_none() && list.strings().is_none());
    }
}
