#pragma once
// Deterministic generator of realistic families for the guideline rule set (format version 1,
// docs/case-format.md): every decision of rules/ takes each of its values in a large enough
// sample (README, "Performance", shows how often). Used for the 116,000-family run and the
// series-length benchmark. The same seed always gives the same text, on every platform.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "case_generator.h"  // same directory: included from bench/ and tests/

namespace koers::testing {

class GuidelineGenerator : CaseVocabulary {
 public:
  explicit GuidelineGenerator(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}

  // One case file of typically 2-4 KiB.
  // One family, as of 2026-11-01. `series` > 0 fixes the number of monthly OBVL-K totals (else
  // 2..15). Coherent on purpose: problems start years before the advice date, care starts before
  // the first measurement, measurements come monthly up to the last weeks, totals follow a trend
  // (better, level, worse) with noise, and items, when given, add up to the total.
  std::string next_case(int number, int series = 0) {
    const int ay = 2026, am = 11;  // as_of 2026-11-01
    std::string y;
    y.reserve(4096);
    if (chance(20)) y += "# casus uit de wijkteamregistratie, geanonimiseerd\n";
    y += "koers: 1\n";
    y += "case_id: gezin-" + std::to_string(100000 + number) + "\n";
    y += "as_of: 2026-11-01\n\n";

    y += "family:\n  parents:\n";
    int parents = chance(75) ? 1 + pick(2) : (chance(80) ? 1 : 0);
    for (int i = 0; i < parents; ++i) {
      y += "    - id: ouder" + std::to_string(i + 1) + "\n";
      if (chance(70)) y += std::string("      lvb: ") + boolean(20) + "\n";
    }
    if (parents == 0) y += "    []\n";
    y += "  children:\n";
    int children = chance(97) ? 1 + pick(4) : 0;
    for (int i = 0; i < children; ++i) {
      y += "    - id: kind" + std::to_string(i + 1) + "\n";
      if (chance(85)) {
        y += "      birth_date: " + date(2008 + pick(18), 1 + pick(12), 1 + pick(28)) + "\n";
      } else {
        y += "      age: " + std::to_string(pick(18)) + "\n";
      }
      if (chance(15)) y += std::string("      lives_at_home: ") + boolean(75) + "\n";
    }
    if (children == 0) y += "    []\n";
    y += std::string("  explicit_help_request: ") + boolean(35) + "\n";
    y += std::string("  accepts_involvement: ") + boolean(50) + "\n";
    if (chance(90)) y += std::string("  resistant_to_help: ") + boolean(75) + "\n";
    if (chance(95)) y += std::string("  daily_life: ") + one_of(kDailyLife) + "\n";
    if (chance(95)) y += std::string("  access_to_services: ") + one_of(kAccess) + "\n";
    y += std::string("  network: ") + one_of(kNetwork) + "\n";
    if (chance(70)) y += std::string("  distrusts_care: ") + boolean(45) + "\n";
    y += "  risk_factors: [";
    int risks = pick(5);
    for (int i = 0; i < risks; ++i) {
      if (i > 0) y += ", ";
      y += kRiskFactors[(static_cast<size_t>(i) * 2 + static_cast<size_t>(number)) % 10];
    }
    y += "]\n\n";

    // Problems since 3..96 months: mostly long-standing (the MPG definition asks for years).
    y += "problems:\n";
    int problems = 1 + pick(5);
    for (int i = 0; i < problems; ++i) {
      const char* domain = i == 0 && chance(85) ? one_of(kSocioDomains) : one_of(kDomains);
      int back = chance(80) ? 24 + pick(72) : 3 + pick(21);
      y += std::string("  - domain: ") + domain + "\n";
      y += "    since: " + months_before(ay, am, back) + "\n";
      y += std::string("    severity: ") + one_of(kSeverity) + "\n";
      if (chance(60)) y += std::string("    urgent: ") + boolean(8) + "\n";
    }

    int episodes = chance(85) ? 1 + pick(3) : 0;
    if (episodes > 0) y += "\nhelp_history:\n";
    for (int i = 0; i < episodes; ++i) {
      int from_back = 96 - 24 * i - pick(12);
      y += "  - from: " + months_before(ay, am, from_back) + "\n";
      y += "    to: " + months_before(ay, am, from_back - 6 - pick(12)) + "\n";
      y += std::string("    lasting_effect: ") + boolean(20) + "\n";
    }

    const int n = series > 0 ? series : 2 + pick(14);
    const int status = pick(100);  // active 85%, closed 8%, none 7%
    const int care_months = n + pick(3);
    y += "\ncare:\n";
    if (status < 85) {
      y += "  status: active\n  started: " + months_before(ay, am, care_months) + "\n";
      y += "  closed: null\n";
    } else if (status < 93) {
      int closed_back = 1 + pick(18);
      y += "  status: closed\n  started: " + months_before(ay, am, closed_back + care_months) +
           "\n  closed: " + months_before(ay, am, closed_back) + "\n";
    } else {
      y += "  status: none\n";
    }
    if (status < 85 && chance(80)) y += std::string("  strategy: ") + one_of(kStrategies) + "\n";
    y += "  family_plan:\n";
    y += std::string("    present: ") + boolean(80) + "\n";
    y += std::string("    goals_measurable: ") + boolean(60) + "\n";
    y += "    next_evaluation: " + date(ay + 1, 1 + pick(6), 1 + pick(28)) + "\n";
    y += "    last_evaluation: " + months_before(ay, am, 1 + pick(8)) + "\n";
    y += "  safety_plan:\n";
    y += std::string("    present: ") + boolean(50) + "\n";
    y += "    last_evaluation: null\n";
    y += "  explanatory_talks: [";
    int talks = pick(3);
    for (int i = 0; i < talks; ++i) {
      if (i > 0) y += ", ";
      y += months_before(ay, am, 2 + 3 * (talks - i));
    }
    y += "]\n";
    // Interventions during care: more of them the longer care has run.
    int interventions = std::min(6, pick(2 + n / 2));
    if (interventions > 0) y += "  interventions:\n";
    for (int i = 0; i < interventions; ++i) {
      y += std::string("    - type: ") + kInterventions[static_cast<size_t>(i + number) % 7] + "\n";
      y += "      date: " + months_before(ay, am, care_months - 1 - i * care_months / 7) + "\n";
      y += std::string("      outcome: ") + one_of(kOutcomes) + "\n";
    }

    // Monthly OBVL-K totals up to the last weeks: a start level, a trend and noise.
    y += "\nmeasurements:\n  obvlk:\n";
    const int trend = pick(100) < 30 ? -1 : (pick(100) < 75 ? 0 : 1);
    int level = 16 + pick(21);
    const int last_back = chance(90) ? 0 : 3;  // now and then the last one is months old
    for (int i = 0; i < n; ++i) {
      if (i > 0) level = std::clamp(level + trend * pick(3) + pick(3) - 1, 10, 40);
      y += "    - date: " + months_before(ay, am, n - 1 - i + last_back + 1, 1 + pick(20)) + "\n";
      if (chance(30)) {
        y += "      items: " + items_for(level) + "\n";
        if (chance(50)) y += "      total: " + std::to_string(level) + "\n";
      } else {
        y += "      total: " + std::to_string(level) + "\n";
      }
      if (chance(20)) {
        y += "      subscales: {relatie: " + std::to_string(3 + pick(10)) +
             ", opvoeden: " + std::to_string(3 + pick(10)) +
             ", depressief: " + std::to_string(3 + pick(10)) + "}\n";
      }
    }

    y += "\nsafety:\n";
    const bool acute = chance(3);
    y += std::string("  acute: ") + (acute ? "true" : "false") + "\n";
    y += std::string("  structural: ") + boolean(10) + "\n";
    y += std::string("  suspicion: ") + boolean(25) + "\n";
    y += "  signals: [";
    if (chance(20)) y += "witnesses_domestic_violence";
    y += "]\n";
    if (chance(55)) {
      y += "  risk_assessment:\n";
      y += std::string("    instrument: ") + one_of(kInstruments) + "\n";
      y += std::string("    outcome: ") + one_of(kSeverity) + "\n";
      y += "    date: " + months_before(ay, am, 1 + pick(10)) + "\n";
    } else {
      y += "  risk_assessment: null\n";
    }
    if (chance(8)) y += "  reported_to_veilig_thuis: " + months_before(ay, am, 1 + pick(10)) + "\n";
    y += std::string("  help_accepted: ") + boolean(65) + "\n";

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
    y += "  months_with_family: " + std::to_string(std::min(care_months, pick(60))) + "\n";
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
  static constexpr const char* kSocioDomains[] = {"finances", "debts", "housing"};

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
  // The date `months` months before y-m (day `day`, 1..28).
  static std::string months_before(int y, int m, int months, int day = 1) {
    int total = y * 12 + (m - 1) - months;
    return date(total / 12, total % 12 + 1, day);
  }
  // Ten items of 1..4 adding up to `total` (10..40).
  std::string items_for(int total) {
    int items[10];
    for (int& i : items) i = 1;
    for (int rest = total - 10; rest > 0;) {
      int& i = items[pick(10)];
      if (i < 4) {
        ++i;
        --rest;
      }
    }
    std::string out = "[";
    for (int k = 0; k < 10; ++k) out += (k ? ", " : "") + std::to_string(items[k]);
    return out + "]";
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
