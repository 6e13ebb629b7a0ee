#pragma once
// A hand-built copy of the case schema of rules/schema.koers, for tests and benchmarks that must
// not depend on the rule-language front end. It uses every field option the loader knows:
// required, nullable, default (true/false/none), range, length, unique, unique by, unique in
// file, dated,
// dated by, not before, equals sum of, pattern and require one of.
// Keep it in step with rules/schema.koers (tests against the real schema catch drift).
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "schema/schema.h"

namespace koers::testing {

class SchemaBuilder {
 public:
  // A field under construction; options that name other fields are resolved by `finish`.
  struct Field {
    FieldDef def;
    std::string type_name;  // "int", "list of problem", ...
    std::string unique_by, dated_by, not_before, sum_of;

    Field(std::string name, std::string type) : type_name(std::move(type)) {
      def.name = std::move(name);
    }
    Field& required() { return def.required = true, *this; }
    Field& nullable() { return def.nullable = true, *this; }
    Field& default_bool(bool b) {
      def.default_value = DefaultValue{DefaultValue::Kind::boolean, b, 0, {}};
      return *this;
    }
    Field& default_none() {
      def.default_value = DefaultValue{DefaultValue::Kind::none, false, 0, {}};
      return *this;
    }
    Field& range(int64_t lo, int64_t hi) { return def.range = std::pair{lo, hi}, *this; }
    Field& length(int64_t n) { return def.length = n, *this; }
    Field& unique() { return def.unique = true, *this; }
    Field& unique_in_file() { return def.unique_in_file = true, *this; }
    Field& unique_by_field(std::string f) {
      def.unique = true;
      unique_by = std::move(f);
      return *this;
    }
    Field& dated() { return def.dated = true, *this; }
    Field& dated_by_field(std::string f) {
      def.dated = true;
      dated_by = std::move(f);
      return *this;
    }
    Field& not_before_field(std::string f) { return not_before = std::move(f), *this; }
    Field& sum_of_field(std::string f) { return sum_of = std::move(f), *this; }
    Field& pattern(std::string p) { return def.pattern = std::move(p), *this; }
  };

  void add_enum(std::string name, std::vector<std::string> members,
                std::vector<std::string> labels = {}) {
    EnumDef e;
    e.name = std::move(name);
    e.members = std::move(members);
    e.labels = std::move(labels);
    e.labels.resize(e.members.size());
    schema_.enums.push_back(std::move(e));
  }

  void add_record(std::string name, std::vector<Field> fields,
                  std::vector<std::vector<std::string>> one_of = {}) {
    RecordDef r;
    r.name = std::move(name);
    schema_.records.push_back(std::move(r));
    pending_.push_back({std::move(fields), std::move(one_of)});
  }

  Schema finish(const std::string& root = "case") {
    for (size_t ri = 0; ri < pending_.size(); ++ri) {
      RecordDef& rd = schema_.records[ri];
      for (auto& f : pending_[ri].fields) {
        f.def.type = type_of(f.type_name);
        rd.fields.push_back(f.def);
      }
    }
    for (size_t ri = 0; ri < pending_.size(); ++ri) {
      RecordDef& rd = schema_.records[ri];
      for (size_t fi = 0; fi < rd.fields.size(); ++fi) {
        const Field& f = pending_[ri].fields[fi];
        FieldDef& d = rd.fields[fi];
        const Type& element = d.type.is_list() ? *d.type.element : d.type;
        auto in_element = [&](const std::string& n) {
          return index(schema_.records.at(static_cast<size_t>(element.ref)), n);
        };
        if (!f.unique_by.empty()) d.unique_key = in_element(f.unique_by);
        if (!f.dated_by.empty()) d.dated_by = in_element(f.dated_by);
        if (!f.not_before.empty()) d.not_before = index(rd, f.not_before);
        if (!f.sum_of.empty()) d.sum_of = index(rd, f.sum_of);
      }
      for (const auto& group : pending_[ri].one_of) {
        std::vector<int> g;
        for (const auto& n : group) g.push_back(index(rd, n));
        rd.one_of.push_back(std::move(g));
      }
    }
    schema_.root = schema_.record_index(root);
    return schema_;
  }

 private:
  struct Pending {
    std::vector<Field> fields;
    std::vector<std::vector<std::string>> one_of;
  };

  static int index(const RecordDef& rd, const std::string& name) {
    int i = rd.index_of(name);
    if (i < 0) throw std::logic_error("test schema: no field " + name + " in " + rd.name);
    return i;
  }

  Type type_of(const std::string& name) const {
    if (name.rfind("list of ", 0) == 0) return Type::list_of(type_of(name.substr(8)));
    if (name == "bool") return Type::boolean();
    if (name == "int") return Type::integer();
    if (name == "text") return Type::text();
    if (name == "date") return Type::date();
    if (int e = schema_.enum_index(name); e >= 0) return Type::enumeration(e);
    if (int r = schema_.record_index(name); r >= 0) return Type::record(r);
    throw std::logic_error("test schema: unknown type " + name);
  }

  Schema schema_;
  std::vector<Pending> pending_;
};

// The case schema of rules/schema.koers (format version 1).
inline Schema case_schema() {
  using F = SchemaBuilder::Field;
  SchemaBuilder b;
  b.add_enum("problem_domain",
             {"finances", "debts", "housing", "work_education", "household", "social_isolation",
              "parent_mental_health", "parent_addiction", "parent_lvb", "relationship", "justice",
              "physical_health", "child_development", "child_behaviour", "child_mental_health",
              "parenting", "domestic_violence"});
  b.add_enum("severity", {"low", "moderate", "high"}, {"laag", "matig", "hoog"});
  b.add_enum("daily_life", {"copes", "struggles"}, {"redt zich", "heeft moeite"});
  b.add_enum("access", {"good", "poor"}, {"goed", "slecht"});
  b.add_enum("network_strength", {"strong", "moderate", "weak", "absent"},
             {"sterk", "matig", "zwak", "afwezig"});
  b.add_enum("care_status", {"none", "active", "closed"}, {"geen", "actief", "afgesloten"});
  b.add_enum("strategy", {"orde_op_zaken", "vinger_aan_de_pols", "stut_en_steun",
                          "direct_hulpaanbod", "refresh"});
  b.add_enum("intervention_type",
             {"uit_de_situatie_halen", "systemisch_verbreden", "toekomstprojecties",
              "benadrukken_wat_goed_gaat", "collega_inzetten", "netwerkoverleg",
              "ervaringsdeskundige_inzetten", "kritisch_maximum_erkennen"});
  b.add_enum("intervention_outcome", {"improved", "no_change", "worse", "unknown"},
             {"verbeterd", "geen verandering", "verslechterd", "onbekend"});
  b.add_enum("risk_instrument", {"LIRIK", "ARIJ", "other"}, {"", "", "ander instrument"});
  b.add_enum("risk_level", {"low", "moderate", "high"}, {"laag", "matig", "hoog"});
  b.add_enum("parenting_qualification", {"good", "good_enough", "problematic", "inadequate"},
             {"goed", "goed genoeg", "problematisch", "onvoldoende"});
  b.add_enum("parenting_condition",
             {"adequate_verzorging", "veilige_fysieke_omgeving", "affectief_klimaat",
              "opvoedingsstructuur", "voorbeeldgedrag_ouders", "interesse", "continuiteit",
              "veilige_wijdere_omgeving", "respect", "sociaal_netwerk", "educatie",
              "leeftijdgenoten", "voorbeeldgedrag_samenleving", "stabiliteit"});
  b.add_enum("support_kind", {"intervisie", "werkbegeleiding", "coaching", "supervision", "buddy"});

  b.add_record("case",
               {F("koers", "int").required().range(1, 1),
                F("case_id", "text").required().pattern("[A-Za-z0-9._-]{1,64}"), F("as_of", "date"),
                F("family", "family"), F("problems", "list of problem"),
                F("help_history", "list of help_episode").dated_by_field("from"),
                F("care", "care").nullable(), F("measurements", "measurements").nullable(),
                F("safety", "safety"), F("parenting", "parenting"), F("caseworker", "caseworker")});
  b.add_record("family", {F("parents", "list of parent"), F("children", "list of child"),
                          F("explicit_help_request", "bool"), F("accepts_involvement", "bool"),
                          F("resistant_to_help", "bool"), F("daily_life", "daily_life"),
                          F("access_to_services", "access"), F("network", "network_strength"),
                          F("distrusts_care", "bool"), F("risk_factors", "list of text")});
  b.add_record("parent", {F("id", "text").required().unique_in_file(), F("lvb", "bool")});
  b.add_record("child",
               {F("id", "text").required().unique_in_file(), F("birth_date", "date"),
                F("age", "int").range(0, 30), F("lives_at_home", "bool").default_bool(true)},
               {{"birth_date", "age"}});
  b.add_record("problem", {F("domain", "problem_domain").required(), F("since", "date"),
                           F("severity", "severity"), F("urgent", "bool").default_bool(false)});
  b.add_record("help_episode",
               {F("from", "date").required(), F("to", "date").not_before_field("from"),
                F("lasting_effect", "bool")});
  b.add_record("care", {F("status", "care_status"), F("started", "date"),
                        F("closed", "date").nullable().default_none().not_before_field("started"),
                        F("strategy", "strategy"), F("family_plan", "family_plan").nullable(),
                        F("safety_plan", "safety_plan").nullable(),
                        F("explanatory_talks", "list of date").dated(),
                        F("interventions", "list of intervention").dated_by_field("date")});
  b.add_record("family_plan",
               {F("present", "bool"), F("goals_measurable", "bool"),
                F("next_evaluation", "date").nullable(), F("last_evaluation", "date").nullable()});
  b.add_record("safety_plan", {F("present", "bool"), F("last_evaluation", "date").nullable()});
  b.add_record("intervention",
               {F("type", "intervention_type").required(), F("date", "date").required(),
                F("outcome", "intervention_outcome")});
  b.add_record(
      "measurements",
      {F("obvlk", "list of obvlk_measurement").dated_by_field("date").unique_by_field("date")});
  b.add_record("obvlk_measurement",
               {F("date", "date").required(), F("total", "int").range(10, 40).sum_of_field("items"),
                F("items", "list of int").length(10).range(1, 4),
                F("subscales", "obvlk_subscales").nullable()},
               {{"total", "items"}});
  b.add_record("obvlk_subscales",
               {F("relatie", "int"), F("opvoeden", "int"), F("depressief", "int")});
  b.add_record("safety", {F("acute", "bool"), F("structural", "bool"), F("suspicion", "bool"),
                          F("signals", "list of text"),
                          F("risk_assessment", "risk_assessment").nullable().default_none(),
                          F("reported_to_veilig_thuis", "date").nullable().default_none(),
                          F("help_accepted", "bool")});
  b.add_record("risk_assessment", {F("instrument", "risk_instrument"),
                                   F("outcome", "risk_level").required(), F("date", "date")});
  b.add_record("parenting", {F("qualification", "parenting_qualification"),
                             F("conditions_not_met", "list of parenting_condition")});
  b.add_record("caseworker",
               {F("months_with_family", "int").range(0, 600), F("caseload", "int").range(0, 500),
                F("support", "list of support_kind"), F("second_worker", "bool")});
  return b.finish("case");
}

}  // namespace koers::testing
