#pragma once
// Deterministic generator of realistic, valid case files (format version 1, see
// docs/case-format.md), for benchmarks and round-trip tests. The same seed always gives the
// same text, on every platform (no std:: distributions).
#include <cstdint>
#include <string>
#include <vector>

namespace koers::testing {

// The words of the case format (docs/case-format.md) that the generators draw from.
struct CaseVocabulary {
  static constexpr const char* kDailyLife[] = {"copes", "struggles"};
  static constexpr const char* kAccess[] = {"good", "poor"};
  static constexpr const char* kNetwork[] = {"strong", "moderate", "weak", "absent"};
  static constexpr const char* kSeverity[] = {"low", "moderate", "high"};
  static constexpr const char* kRiskFactors[] = {
      "debts",        "single_parent", "unemployment",  "social_isolation",
      "poor_housing", "addiction",     "young_parents", "migration",
      "illness",      "divorce",       "2021-04-01",    "42"};
  static constexpr const char* kDomains[] = {"finances",
                                             "debts",
                                             "housing",
                                             "work_education",
                                             "household",
                                             "social_isolation",
                                             "parent_mental_health",
                                             "parent_addiction",
                                             "parent_lvb",
                                             "relationship",
                                             "justice",
                                             "physical_health",
                                             "child_development",
                                             "child_behaviour",
                                             "child_mental_health",
                                             "parenting",
                                             "domestic_violence"};
  static constexpr const char* kStrategies[] = {"orde_op_zaken", "vinger_aan_de_pols",
                                                "stut_en_steun", "direct_hulpaanbod", "refresh"};
  static constexpr const char* kInterventions[] = {
      "uit_de_situatie_halen",        "systemisch_verbreden",     "toekomstprojecties",
      "benadrukken_wat_goed_gaat",    "collega_inzetten",         "netwerkoverleg",
      "ervaringsdeskundige_inzetten", "kritisch_maximum_erkennen"};
  static constexpr const char* kOutcomes[] = {"improved", "no_change", "worse", "unknown"};
  static constexpr const char* kInstruments[] = {"LIRIK", "ARIJ", "other"};
  static constexpr const char* kQualifications[] = {"good", "good_enough", "problematic",
                                                    "inadequate"};
  static constexpr const char* kConditions[] = {"adequate_verzorging",
                                                "veilige_fysieke_omgeving",
                                                "affectief_klimaat",
                                                "opvoedingsstructuur",
                                                "voorbeeldgedrag_ouders",
                                                "interesse",
                                                "continuiteit",
                                                "veilige_wijdere_omgeving",
                                                "respect",
                                                "sociaal_netwerk",
                                                "educatie",
                                                "leeftijdgenoten",
                                                "voorbeeldgedrag_samenleving",
                                                "stabiliteit"};
  static constexpr const char* kSupport[] = {"intervisie", "werkbegeleiding", "coaching",
                                             "supervision", "buddy"};
};

class CaseGenerator : CaseVocabulary {
 public:
  explicit CaseGenerator(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}

  // One case file of typically 2-4 KiB.
  std::string next_case(int number) {
    std::string y;
    y.reserve(4096);
    int year = 2020 + pick(7);
    if (chance(30)) y += "# casus uit de wijkteamregistratie, geanonimiseerd\n";
    y += "koers: 1\n";
    y += "case_id: gezin-" + std::to_string(10000 + number) + "\n";
    y += "as_of: " + date(year + 1, 1 + pick(12), 1 + pick(28)) + "\n\n";

    y += "family:\n  parents:\n";
    int parents = 1 + pick(2);
    for (int i = 0; i < parents; ++i) {
      y += "    - id: ouder" + std::to_string(i + 1) + "\n";
      if (chance(70)) y += std::string("      lvb: ") + boolean(20) + "\n";
    }
    y += "  children:\n";
    int children = 1 + pick(4);
    for (int i = 0; i < children; ++i) {
      y += "    - id: kind" + std::to_string(i + 1) + "\n";
      if (chance(80)) {
        y += "      birth_date: " + date(2005 + pick(20), 1 + pick(12), 1 + pick(28)) + "\n";
      } else {
        y += "      age: " + std::to_string(pick(18)) + "\n";
      }
      if (chance(20)) y += std::string("      lives_at_home: ") + boolean(70) + "\n";
    }
    y += std::string("  explicit_help_request: ") + boolean(40) + "\n";
    y += std::string("  accepts_involvement: ") + boolean(50) + "\n";
    if (chance(80)) y += std::string("  resistant_to_help: ") + boolean(50) + "\n";
    y += std::string("  daily_life: ") + one_of(kDailyLife) + "\n";
    y += std::string("  access_to_services: ") + one_of(kAccess) + "   # zoals ingeschat\n";
    y += std::string("  network: ") + one_of(kNetwork) + "\n";
    if (chance(70)) y += std::string("  distrusts_care: ") + boolean(40) + "\n";
    y += "  risk_factors: [";
    int risks = pick(6);
    for (int i = 0, first = 1; i < risks; ++i) {
      // distinct tags: take every other one from a random start
      if (!first) y += ", ";
      first = 0;
      y += kRiskFactors[(static_cast<size_t>(i) * 2 + static_cast<size_t>(number)) % 12];
    }
    y += "]\n\n";

    y += "problems:\n";
    int problems = 1 + pick(6);
    for (int i = 0; i < problems; ++i) {
      y += std::string("  - domain: ") + one_of(kDomains) + "\n";
      y += "    since: " + date(year - pick(5), 1 + pick(12), 1 + pick(28)) + "\n";
      y += std::string("    severity: ") + one_of(kSeverity) + "\n";
      if (chance(60)) y += std::string("    urgent: ") + boolean(10) + "\n";
    }

    int episodes = pick(4);
    if (episodes > 0) y += "\nhelp_history:\n";
    for (int i = 0; i < episodes; ++i) {
      int from = year - 8 + 2 * i;
      y += "  - from: " + date(from, 1 + pick(12), 1 + pick(28)) + "\n";
      y += "    to: " + date(from + 1, 1 + pick(12), 1 + pick(28)) + "\n";
      y += std::string("    lasting_effect: ") + boolean(30) + "\n";
    }

    y += "\ncare:\n  status: active\n";
    y += "  started: " + date(year - 2, 1 + pick(12), 1 + pick(28)) + "\n";
    y += "  closed: null\n";
    y += std::string("  strategy: ") + one_of(kStrategies) + "\n";
    y += "  family_plan:\n";
    y += std::string("    present: ") + boolean(80) + "\n";
    y += std::string("    goals_measurable: ") + boolean(60) + "\n";
    y += "    next_evaluation: " + date(year + 1, 1 + pick(12), 1 + pick(28)) + "\n";
    y += "    last_evaluation: " + date(year, 1 + pick(12), 1 + pick(28)) + "\n";
    y += "  safety_plan:\n";
    y += std::string("    present: ") + boolean(50) + "\n";
    y += "    last_evaluation: null\n";
    y += "  explanatory_talks: [";
    int talks = pick(4);
    for (int i = 0; i < talks; ++i) {
      if (i > 0) y += ", ";
      y += date(year, 1 + 3 * i + pick(3), 1 + pick(28));
    }
    y += "]\n";
    int interventions = pick(6);
    if (interventions > 0) y += "  interventions:\n";
    for (int i = 0; i < interventions; ++i) {
      y += std::string("    - type: ") + one_of(kInterventions) + "\n";
      y += "      date: " + date(year - 1 + i / 3, 1 + 4 * (i % 3) + pick(4), 1 + pick(28)) + "\n";
      y += std::string("      outcome: ") + one_of(kOutcomes) + "\n";
    }

    y += "\nmeasurements:\n  obvlk:\n";
    int measurements = 1 + pick(12);
    for (int i = 0; i < measurements; ++i) {
      // one a month: distinct dates
      y += "    - date: " + date(year - 1 + i / 12, 1 + i % 12, 1 + pick(28)) + "\n";
      if (chance(40)) {
        int total = 0;
        std::string items = "[";
        for (int k = 0; k < 10; ++k) {
          int item = 1 + pick(4);
          total += item;
          if (k > 0) items += ", ";
          items += std::to_string(item);
        }
        y += "      items: " + items + "]\n";
        if (chance(50)) y += "      total: " + std::to_string(total) + "\n";
      } else {
        y += "      total: " + std::to_string(10 + pick(31)) + "\n";
      }
      if (chance(30)) {
        y += "      subscales: {relatie: " + std::to_string(3 + pick(10)) +
             ", opvoeden: " + std::to_string(3 + pick(10)) +
             ", depressief: " + std::to_string(3 + pick(10)) + "}\n";
      }
    }

    y += "\nsafety:\n";
    y += std::string("  acute: ") + boolean(5) + "\n";
    y += std::string("  structural: ") + boolean(15) + "\n";
    y += std::string("  suspicion: ") + boolean(30) + "\n";
    y += "  signals: [";
    if (chance(30)) y += "witnesses_domestic_violence";
    y += "]\n";
    if (chance(50)) {
      y += "  risk_assessment:\n";
      y += std::string("    instrument: ") + one_of(kInstruments) + "\n";
      y += std::string("    outcome: ") + one_of(kSeverity) + "\n";
      y += "    date: " + date(year, 1 + pick(12), 1 + pick(28)) + "\n";
    } else {
      y += "  risk_assessment: null\n";
    }
    if (chance(10)) {
      y += "  reported_to_veilig_thuis: " + date(year, 1 + pick(12), 1 + pick(28)) + "\n";
    }
    y += std::string("  help_accepted: ") + boolean(60) + "\n";

    y += "\nparenting:\n";
    y += std::string("  qualification: ") + one_of(kQualifications) + "\n";
    y += "  conditions_not_met: [";
    int conditions = pick(4);
    for (int i = 0; i < conditions; ++i) {
      if (i > 0) y += ", ";
      y += kConditions[static_cast<size_t>(i * 3 + number) % 14];
    }
    y += "]\n";

    y += "\ncaseworker:\n";
    y += "  months_with_family: " + std::to_string(pick(60)) + "\n";
    y += "  caseload: " + std::to_string(5 + pick(20)) + "\n";
    y += std::string("  support: [") + one_of(kSupport) + "]\n";
    y += std::string("  second_worker: ") + boolean(30) + "\n";
    return y;
  }

  // Cases until at least `bytes` of YAML have been produced.
  std::vector<std::string> cases(size_t bytes) {
    std::vector<std::string> out;
    size_t total = 0;
    for (int n = 0; total < bytes; ++n) {
      out.push_back(next_case(n));
      total += out.back().size();
    }
    return out;
  }

 private:
  uint64_t next() {  // splitmix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int pick(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  const char* boolean(int percent_true) { return chance(percent_true) ? "true" : "false"; }
  template <size_t N>
  const char* one_of(const char* const (&values)[N]) {
    return values[static_cast<size_t>(pick(static_cast<int>(N)))];
  }
  static std::string date(int y, int m, int d) {
    char buf[16];
    buf[0] = static_cast<char>('0' + y / 1000 % 10);
    buf[1] = static_cast<char>('0' + y / 100 % 10);
    buf[2] = static_cast<char>('0' + y / 10 % 10);
    buf[3] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + m / 10);
    buf[6] = static_cast<char>('0' + m % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + d / 10);
    buf[9] = static_cast<char>('0' + d % 10);
    return std::string(buf, 10);
  }

  uint64_t state_;
};

}  // namespace koers::testing
