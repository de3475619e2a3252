//! 事实读取 (reading a fact without buffering it): the `fact` of an event line read straight
//! into its variant when its `type` comes first, as every line this library writes has it.
//!
//! [`Fact`] is internally tagged (`{"type": "withdrawn", "item": …}`). serde's derived reader
//! of such an enum cannot know the variant before it has seen the tag, wherever the tag is, so
//! it first copies the whole object into its private buffer (`Content`: every key and string
//! copied, the structure allocated) and then reads the variant out of that copy: about a tenth
//! of a replay's instructions on a large ledger.
//!
//! [`deserialize`] (used for [`crate::Event`]'s `fact`) looks at the object's first key:
//!
//! - `type`: the tag is read, then the remaining keys go straight into the variant's fields
//!   (the fast path: no copy). The fields are read by [`crate::event::FactByTag`], the same
//!   variants declared once with [`Fact`] by [`fact_enum!`] and derived as an *externally*
//!   tagged enum, which serde reads without a buffer; its variant is given the tag's value and
//!   its fields the rest of the object.
//! - any other key (or none): the object is read by [`Fact`]'s derived reader, given the key
//!   already read and then the rest of the object: the buffered path, as before.
//! - not an object (an array: the tag first, then the fields in order; anything else is
//!   refused): [`Fact`]'s derived reader too.
//!
//! The two paths accept the same texts and give the same facts: the variants' fields, their
//! defaults and `deny_unknown_fields` are the same declaration, a second `type` is refused
//! as the derived reader refuses it (`duplicate field`), and an unknown tag gets the same
//! `unknown variant` error. What may differ is the wording of a refusal with several faults
//! (the fast path reports the first it meets, the buffered one a syntax error of the object
//! before a fault of its fields) and the column `serde_json` names (where the fault is, not
//! the end of the object). The ledger's error (code `ledger.parse`, its line) is the same.
//! `fact_reader`'s tests compare both paths on generated events and mutations of them.
//!
//! Off in the phone library (feature `fast-facts`): its ledgers are small, and the twin's
//! derived readers cost more than the ≈ 4 KiB it has left; it reads facts the derived way.

/// Declares [`crate::Fact`] and, with the `fast-facts` feature, its externally tagged twin
/// `FactByTag` (a `#[serde(remote = "Fact")]` reader of the same variants, fields and field
/// attributes): a variant, a field or a `default` added to the fact cannot be forgotten by
/// the fast reader.
///
/// The twin's container attributes are written here, not copied: `rename_all = "snake_case"`
/// and `deny_unknown_fields` must stay those of the fact (the tests would fail otherwise).
/// Every variant has named fields or holds one struct (a unit variant is not accepted here).
macro_rules! fact_enum {
    (
        $(#[$attr:meta])*
        pub enum Fact {
            $(
                $(#[$vattr:meta])*
                $variant:ident
                $( { $( $(#[$fattr:meta])* $field:ident : $fty:ty ),* $(,)? } )?
                $( ( $nty:ty ) )?
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub enum Fact {
            $(
                $(#[$vattr])*
                $variant
                $( { $( $(#[$fattr])* $field : $fty ),* } )?
                $( ( $nty ) )?
            ),*
        }

        /// [`Fact`]'s variants again, externally tagged: serde reads them without a buffer
        /// once `crate::fact_reader` has read the tag (see there). Never built: only its
        /// derived reader, which returns a [`Fact`], is used.
        #[cfg(feature = "fast-facts")]
        #[derive(serde::Deserialize)]
        #[serde(remote = "Fact", rename_all = "snake_case", deny_unknown_fields)]
        pub(crate) enum FactByTag {
            $(
                $(#[$vattr])*
                $variant
                $( { $( $(#[$fattr])* $field : $fty ),* } )?
                $( ( $nty ) )?
            ),*
        }
    };
}
pub(crate) use fact_enum;

#[cfg(feature = "fast-facts")]
pub(crate) use reader::deserialize;

#[cfg(all(test, feature = "fast-facts"))]
pub(crate) mod tests;

#[cfg(feature = "fast-facts")]
mod reader {
    use std::fmt;

    use serde::de::value::{
        BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StringDeserializer,
    };
    use serde::de::{
        self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
        VariantAccess, Visitor,
    };
    use serde::Deserialize;

    use crate::event::{Fact, FactByTag};

    /// The tag's key.
    const TAG: &str = "type";

    /// Reads a [`Fact`]: the fast path when `type` is the object's first key, [`Fact`]'s
    /// derived reader otherwise (see the module).
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Fact, D::Error> {
        d.deserialize_any(FactVisitor)
    }

    /// What the derived reader is asked for (`deserialize_any`), and what it answers.
    struct FactVisitor;

    impl<'de> Visitor<'de> for FactVisitor {
        type Value = Fact;

        // INVARIANT: the derived reader's words, so that a fact that is not an object or an
        // array (a string, a number, null) is refused in the same words.
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("internally tagged enum Fact")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fact, A::Error> {
            match map.next_key_seed(KeySeed)? {
                Some(key) if key.is_tag() => FactByTag::deserialize(Tagged(map)).map(exact),
                first => Fact::deserialize(MapAccessDeserializer::new(Replay { first, map })),
            }
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fact, A::Error> {
            Fact::deserialize(SeqAccessDeserializer::new(seq))
        }
    }

    /// The fact with its lists' capacity cut to their length, as the derived reader leaves
    /// them: it knows a list's length from its buffer, while `serde_json` reading straight
    /// into a list does not and grows it by doubling (≈ 25 MiB more held at 100 000
    /// suggestions). The match names every variant: a new one must say whether it has lists.
    fn exact(mut fact: Fact) -> Fact {
        match &mut fact {
            Fact::MotionSubmitted(f) => f.cosigners.shrink_to_fit(),
            Fact::SuggestionSubmitted(f) => f.cosigners.shrink_to_fit(),
            Fact::PreAssigned { units, .. } => units.shrink_to_fit(),
            Fact::Assigned { plan, .. } => {
                plan.leads.shrink_to_fit();
                plan.co.shrink_to_fit();
            }
            Fact::ReplyIssued { copied_to, .. } => copied_to.shrink_to_fit(),
            Fact::SupervisionActivityLogged { leaders, .. } => leaders.shrink_to_fit(),
            Fact::EvaluationRecommended { reasons, .. } => reasons.shrink_to_fit(),
            Fact::SessionRegistered { .. }
            | Fact::DeputyRegistered { .. }
            | Fact::DelegationRegistered { .. }
            | Fact::UnitRegistered { .. }
            | Fact::CommitteeRegistered { .. }
            | Fact::LeaderRegistered { .. }
            | Fact::MotionDecided { .. }
            | Fact::Withdrawn { .. }
            | Fact::Rejected { .. }
            | Fact::Registered { .. }
            | Fact::DisputeRaised { .. }
            | Fact::DisputeSettled { .. }
            | Fact::ReturnRequested { .. }
            | Fact::ReturnDecided { .. }
            | Fact::ContactMade { .. }
            | Fact::CoOpinionSent { .. }
            | Fact::CoOpinionReturned { .. }
            | Fact::ExtensionRequested { .. }
            | Fact::ExtensionDecided { .. }
            | Fact::CommitmentRecorded { .. }
            | Fact::CommitmentFulfilled { .. }
            | Fact::FeedbackGiven(_)
            | Fact::FeedbackLapsed { .. }
            | Fact::ReopenDecided { .. }
            | Fact::FollowUpRequested { .. }
            | Fact::RolledOver { .. }
            | Fact::KeyItemSelected { .. }
            | Fact::LeaderLedAssigned { .. }
            | Fact::EvaluationRequested { .. }
            | Fact::EvaluationSelected { .. }
            | Fact::EvaluationDeployed { .. }
            | Fact::EvaluationConcluded { .. }
            | Fact::AssessmentScored { .. }
            | Fact::SuggestionHonoured { .. }
            | Fact::DeputyHonoured { .. }
            | Fact::LookedBack { .. }
            | Fact::Closed { .. } => {}
        }
        fact
    }

    /// A key of the fact's object, borrowed from the text when it has no escapes.
    enum Key<'de> {
        Borrowed(&'de str),
        Owned(String),
    }

    impl<'de> Key<'de> {
        fn is_tag(&self) -> bool {
            match self {
                Key::Borrowed(k) => *k == TAG,
                Key::Owned(k) => k == TAG,
            }
        }

        /// The key given to `seed` as the text gave it (borrowed or not).
        fn into_seed<S: DeserializeSeed<'de>, E: de::Error>(self, seed: S) -> Result<S::Value, E> {
            match self {
                Key::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::<E>::new(k)),
                Key::Owned(k) => seed.deserialize(StringDeserializer::<E>::new(k)),
            }
        }
    }

    /// Reads a key (a string: JSON's keys are strings).
    struct KeySeed;

    impl<'de> DeserializeSeed<'de> for KeySeed {
        type Value = Key<'de>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for KeySeed {
        type Value = Key<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a field name")
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
            Ok(Key::Borrowed(v))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v.to_owned()))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v))
        }
    }

    /// The slow path's object: the first key (already read) again, then the rest as it comes.
    struct Replay<'de, A> {
        first: Option<Key<'de>>,
        map: A,
    }

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
        type Error = A::Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            match self.first.take() {
                Some(key) => key.into_seed(seed).map(Some),
                None => self.map.next_key_seed(seed),
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, A::Error> {
            self.map.next_value_seed(seed)
        }

        fn size_hint(&self) -> Option<usize> {
            let first = usize::from(self.first.is_some());
            self.map.size_hint().and_then(|n| n.checked_add(first))
        }
    }

    /// The fast path's object, its `type` key read: the tag's value names the variant of
    /// [`FactByTag`] ([`EnumAccess`]) and the rest of the object is its fields
    /// ([`VariantAccess`]).
    struct Tagged<A>(A);

    impl<'de, A: MapAccess<'de>> Deserializer<'de> for Tagged<A> {
        type Error = A::Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
            visitor.visit_enum(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Tagged<A> {
        type Error = A::Error;
        type Variant = Fields<A>;

        fn variant_seed<V: DeserializeSeed<'de>>(
            mut self,
            seed: V,
        ) -> Result<(V::Value, Fields<A>), A::Error> {
            // The tag is read as the derived reader reads it (the variant's identifier):
            // an unknown or mistyped tag is refused in the same words.
            let variant = self.0.next_value_seed(seed)?;
            Ok((variant, Fields(self.0)))
        }
    }

    /// The rest of the fact's object, after its tag: the variant's fields.
    struct Fields<A>(A);

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<A> {
        type Error = A::Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            match self.0.next_key_seed(KeySeed)? {
                None => Ok(None),
                // INVARIANT: the derived reader refuses a second tag before any field.
                Some(key) if key.is_tag() => Err(de::Error::duplicate_field(TAG)),
                Some(key) => key.into_seed(seed).map(Some),
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, A::Error> {
            self.0.next_value_seed(seed)
        }

        fn size_hint(&self) -> Option<usize> {
            self.0.size_hint()
        }
    }

    impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Fields<A> {
        type Error = A::Error;

        fn unit_variant(self) -> Result<(), A::Error> {
            // Every fact has fields (`fact_enum!` accepts no unit variant).
            Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"a fact with fields",
            ))
        }

        fn newtype_variant_seed<T: DeserializeSeed<'de>>(
            self,
            seed: T,
        ) -> Result<T::Value, A::Error> {
            // A boxed struct (`MotionSubmitted` …): its fields are the object's.
            seed.deserialize(MapAccessDeserializer::new(self))
        }

        fn tuple_variant<V: Visitor<'de>>(
            self,
            _len: usize,
            _visitor: V,
        ) -> Result<V::Value, A::Error> {
            Err(de::Error::invalid_type(
                Unexpected::TupleVariant,
                &"a fact with fields",
            ))
        }

        fn struct_variant<V: Visitor<'de>>(
            self,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, A::Error> {
            visitor.visit_map(self)
        }
    }
}
