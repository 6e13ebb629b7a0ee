// The print view: one or two A4 pages for the team meeting. Safety and what to do now first, then
// each decision with its main reasons, the other recommendations, the open questions, the sources
// with their addresses written out (paper has no links), and lines for the team's decision and who
// acts. No YAML, no ids, no hashes: those are in the full report.
#include <fmt/format.h>

#include <algorithm>

#include "eval/evaluator.h"
#include "report/advice_order.h"
#include "report/render.h"
#include "util/xml_escape.h"

namespace koers {

namespace {

const char* kPrintStyle = R"(
@page{size:A4;margin:14mm 15mm}
body{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:9.5pt;line-height:1.3;color:#000;margin:0 auto;max-width:48rem}
h1{font-size:14pt;margin:0 0 .1rem} h2{font-size:11pt;margin:.7rem 0 .25rem;border-bottom:1px solid #000}
p{margin:.15rem 0} ul{margin:.1rem 0 .2rem 1.1rem;padding:0} li{margin:.05rem 0}
.alarm{border:2px solid #000;padding:.3rem .5rem;margin:.4rem 0}
.alarm.urgent,.alarm.high,.alarm.unknown{border-width:4px}
.besluit{margin:.25rem 0;break-inside:avoid} .waarde{font-weight:bold}
.aanbeveling{margin:.2rem 0;break-inside:avoid}
.bronnen li{word-break:break-all}
.team{break-inside:avoid} .lijn{border-bottom:1px solid #000;height:1.5rem}
.team dt{font-weight:bold;margin-top:.3rem}
@media screen{body{margin:1rem auto;padding:0 1rem}}
)";

class PrintWriter {
 public:
  PrintWriter(const Program& program, const Advice& advice)
      : program_(program), advice_(advice), m_(program.words()) {}

  std::string write() {
    const std::string day = format_value(program_, Value{*parse_date(advice_.as_of)});
    out_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                        xml_escape(m_.language));
    out_ +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n";
    out_ += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n",
                        xml_escape(say(m_.print_title, advice_.case_id, day)), kPrintStyle);
    out_ +=
        fmt::format("<body>\n<header><h1>{}</h1><p>{} {}</p></header>\n<main>\n",
                    xml_escape(say(m_.print_heading, advice_.case_id)),
                    xml_escape(say(m_.advice_on_date, day)), xml_escape(m_.professional_decides));
    if (auto notice = after_as_of_notice(program_, advice_); !notice.empty()) {
      out_ += "<p class=\"let-op\">" + xml_escape(notice) + "</p>\n";
    }
    // For the team the consequence, not how to change the file (that is in the full report).
    if (!advice_.lists_read_as_empty.empty()) {
      out_ += "<p class=\"let-op\">" + xml_escape(m_.format_one_team) + "</p>\n";
    }
    for (const auto& d : advice_.decisions) {
      if (is_alert_decision(program_, d.name)) safety(d);
    }
    decisions();
    measurements();
    recommendations();
    questions();
    sources();
    team();
    out_ += "</main>\n</body>\n</html>\n";
    return out_;
  }

 private:
  const Program& program_;
  const Advice& advice_;
  const Messages& m_;
  std::vector<std::string> cited_;  // source ids, in the order first cited: [1], [2], ...
  std::string out_;

  // "[2]" after a reason: the number of the source in the list at the end.
  std::string cite(const std::string& id) {
    if (id.empty()) return {};
    auto at = std::find(cited_.begin(), cited_.end(), id);
    if (at == cited_.end()) at = cited_.insert(cited_.end(), id);
    return fmt::format(" [{}]", at - cited_.begin() + 1);
  }

  std::string title_of(const std::string& name) const {
    const int index = program_.decision_index(name);
    if (index < 0) return name;
    const std::string& title = program_.decisions[static_cast<size_t>(index)].title;
    return title.empty() ? name : title;
  }

  void safety(const DecisionResult& d) {
    const CompiledDecision& dec =
        program_.decisions[static_cast<size_t>(program_.decision_index(d.name))];
    const std::string title = dec.title.empty() ? d.name : dec.title;
    std::string words = std::string(m_.unknown) + ": " + std::string(m_.cannot_determine);
    if (d.status == DecisionResult::Status::decided) {
      words = format_value(program_, d.value);
    } else if (d.status == DecisionResult::Status::not_applicable) {
      words = std::string(m_.not_applicable);
    }
    out_ += fmt::format("<section class=\"alarm {}\" id=\"alarm-{}\"><h2>{}: {}</h2>\n",
                        alert_class(program_, d), xml_escape(d.name), xml_escape(title),
                        xml_escape(words));
    if (d.status == DecisionResult::Status::unknown && !d.missing.empty()) {
      out_ += "<p>" + xml_escape(m_.ask_first) + "</p><ul>";
      for (const auto& q : questions_for(program_, advice_, d.missing)) {
        out_ += "<li>" + xml_escape(q) + "</li>";
      }
      out_ += "</ul>\n";
    }
    if (!d.because.empty()) {
      std::string cites;  // numbered only when printed: every number in the list is referred to
      for (const auto& s : d.sources) cites += cite(s);
      out_ += "<ul>";
      for (const auto& b : d.because) out_ += "<li>" + xml_escape(b) + "</li>";
      out_ += "</ul>";
      out_ += cites.empty()
                  ? ""
                  : "<p>" + xml_escape(capitalized(m_.source)) + ":" + xml_escape(cites) + "</p>";
      out_ += "\n";
    }
    bool heading = false;
    // Once, in the first alert's banner, when the rule set has more than one alert.
    const bool first_alert = program_.decision_index(d.name) == alert_decision_index(program_);
    for (const auto& r : advice_.recommendations) {
      if (!first_alert || !is_urgent(program_, r)) continue;
      if (!heading) out_ += "<h3>" + xml_escape(m_.heading_now) + "</h3>\n";
      heading = true;
      recommendation(r);
    }
    out_ += "</section>\n";
  }

  void decisions() {
    out_ += "<section id=\"besluiten\"><h2>" + xml_escape(m_.heading_decisions) + "</h2>\n";
    for (int index : program_.decision_order) {
      for (const auto& d : advice_.decisions) {
        if (d.name != program_.decisions[static_cast<size_t>(index)].name ||
            is_alert_decision(program_, d.name)) {
          continue;
        }
        const std::string value = outcome_in_words(program_, d);
        out_ += fmt::format("<div class=\"besluit\"><p>{}: <span class=\"waarde\">{}</span>",
                            xml_escape(title_of(d.name)), xml_escape(value));
        if (d.status == DecisionResult::Status::unknown && !d.missing.empty()) {
          out_ += " (" +
                  xml_escape(open_questions(program_, questions_open_for(program_, advice_, d))) +
                  ")";
        }
        out_ += "</p>\n";
        std::vector<std::string> see;
        const auto reasons = own_reasons(program_, advice_, d, see);
        if (!reasons.empty()) {
          std::string cites;
          for (const auto& s : d.sources) cites += cite(s);
          out_ += "<ul>";
          for (size_t i = 0; i < reasons.size(); ++i) {
            out_ += "<li>" + xml_escape(reasons[i]) +
                    (i + 1 == reasons.size() ? xml_escape(cites) : "") + "</li>";
          }
          out_ += "</ul>";
        }
        for (const auto& name : see) {
          out_ +=
              "<p>" + xml_escape(capitalized(m_.see)) + " " + xml_escape(title_of(name)) + ".</p>";
        }
        out_ += "</div>\n";
      }
    }
    out_ += "</section>\n";
  }

  // Each chart's points on one line (paper has room for the numbers, not for the drawing).
  void measurements() {
    for (const auto& chart : advice_.charts) {
      out_ += fmt::format("<section class=\"metingen\" id=\"metingen-{}\"><h2>{}</h2>\n<p>",
                          xml_escape(chart.name), xml_escape(chart.title));
      for (size_t i = 0; i < chart.points.size(); ++i) {
        const auto& p = chart.points[i];
        const bool base = chart.baseline && *chart.baseline == p.date;
        out_ += (i ? "; " : "") + xml_escape(date_in_words(m_, p.date)) + ": " +
                std::to_string(p.value) + (base ? " (" + xml_escape(m_.baseline) + ")" : "");
      }
      out_ += ".";
      if (!chart.decision.empty()) {
        out_ += fmt::format(" {}: {}.", xml_escape(title_of(chart.decision)),
                            xml_escape(chart.outcome));
      }
      out_ += "</p>\n</section>\n";
    }
  }

  void recommendation(const RecommendationResult& r) {
    out_ += fmt::format("<div class=\"aanbeveling\"><p><strong>{}</strong>: {}{}</p>",
                        xml_escape(r.label), xml_escape(r.text), xml_escape(cite(r.source)));
    if (!r.because.empty()) {
      out_ += "<p>" + xml_escape(capitalized(m_.because)) + ": " + xml_escape(r.because.front()) +
              "</p>";
    }
    out_ += "</div>\n";
  }

  void recommendations() {
    bool heading = false;
    for (const auto& r : advice_.recommendations) {
      if (is_urgent(program_, r)) continue;
      if (!heading) {
        out_ += "<section id=\"aanbevelingen\"><h2>" + xml_escape(m_.heading_recommendations) +
                "</h2>\n";
      }
      heading = true;
      recommendation(r);
    }
    if (heading) out_ += "</section>\n";
  }

  void questions() {
    const auto open = open_questions_in_advice_order(program_, advice_);
    if (open.empty()) return;
    out_ += "<section id=\"ontbrekend\"><h2>" + xml_escape(m_.heading_open) + "</h2>\n<ul>";
    for (const auto& q : open) {
      out_ += "<li>" + xml_escape(q.question.empty() ? capitalized(m_.missing_data) : q.question) +
              "</li>";
    }
    out_ += "</ul>\n</section>\n";
  }

  void sources() {
    if (cited_.empty()) return;
    out_ += "<section id=\"bronnen\"><h2>" + xml_escape(m_.heading_sources) +
            "</h2>\n<ol class=\"bronnen\">";
    for (const auto& id : cited_) {
      for (const auto& s : advice_.sources) {
        if (s.id != id) continue;
        out_ += "<li>" + xml_escape(s.title) + (s.url.empty() ? "" : ": " + xml_escape(s.url)) +
                "</li>";
      }
    }
    out_ += "</ol>\n</section>\n";
  }

  void team() {
    out_ += fmt::format(
        "<section class=\"team\" id=\"teambesluit\"><h2>{}</h2>\n<dl>"
        "<dt>{}</dt><dd><div class=\"lijn\"></div><div class=\"lijn\"></div></dd>"
        "<dt>{}</dt><dd><div class=\"lijn\"></div><div class=\"lijn\"></div></dd>"
        "<dt>{}</dt><dd><div class=\"lijn\"></div></dd>"
        "<dt>{}</dt><dd><div class=\"lijn\"></div></dd>"
        "</dl>\n</section>\n",
        xml_escape(m_.team_heading), xml_escape(m_.team_decision), xml_escape(m_.team_who),
        xml_escape(m_.team_deviate), xml_escape(m_.team_meeting));
  }
};

}  // namespace

std::string render_print_html(const Program& program, const Advice& advice) {
  return PrintWriter(program, advice).write();
}

}  // namespace koers
