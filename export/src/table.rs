//! 数据表 (a columnar table): named, typed columns of equal length, and their Arrow form.
//!
//! Types follow what an analyst's engine expects of each column: ids and free text as
//! strings, closed vocabularies (result classes, statuses, kinds) as dictionary strings, dates
//! as `date32`, counts as `int64`, lists of ids as `list<string>`.

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder, StringDictionaryBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, RecordBatchOptions,
    StringArray,
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
        }
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Arrow type of the column.
    pub fn arrow_type(&self) -> DataType {
        match self {
            Column::Str(_) => DataType::Utf8,
            Column::Class(_) => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            Column::Int(_) => DataType::Int64,
            Column::Float(_) => DataType::Float64,
            Column::Date(_) => DataType::Date32,
            Column::Bool(_) => DataType::Boolean,
            Column::StrList(_) => {
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
            Column::Bool(_) | Column::StrList(_) | Column::IntList(_)
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
}
