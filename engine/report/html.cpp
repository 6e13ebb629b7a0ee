// The advice report: one self-contained HTML file in Dutch, for the screen and for A4 paper.
// Order: the safety banner (unknown as loud as acute), the decisions with reasons and sources, the
// OBVL-K progress chart, the recommendations by kind, the missing data as questions, the receipt.
#include <fmt/format.h>

#include "eval/evaluator.h"
#include "report/advice_order.h"
#include "report/chart_render.h"
#include "report/render.h"
#include "util/xml_escape.h"

namespace koers {

namespace {

const char* kStyle = R"(
body{font-family:system-ui,sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;color:#111;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #999}
.alarm{border:4px solid #000;padding:.8rem 1rem;margin:1rem 0;font-size:1.1rem}
.alarm a,.alarm .bron{color:inherit}
.alarm.urgent{background:#b00020;color:#fff;border-style:double;border-width:8px}
.alarm.high{background:#8a3a00;color:#fff;border-width:6px}
.alarm.unknown{background:#fff;color:#111;border:8px dashed #b00020}
.alarm.unknown strong::before{content:"? ";font-weight:bold}
.alarm h2.banier{margin:0;border:0;font-size:1.1rem}
.alarm.watch{background:#fff3c4;color:#111;border-style:dashed}
.alarm.calm{background:#e8f5e9;color:#111;border-width:2px}
.alarm .nu{margin:.6rem 0 0;padding:.4rem .6rem;background:#fff;color:#111;border:2px solid #111}
.alarm .nu h3{margin:.1rem 0 .3rem;font-size:1.05rem}
.alarm .nu .advies{border:0;border-top:1px solid #999;padding:.3rem 0;margin:0}
.alarm .nu a{color:#0b3d91}
.besluit{margin:.8rem 0;padding:.4rem .8rem;border-left:4px solid #555}
.waarde{font-weight:bold} .status{font-style:italic}
ul.redenen{margin:.2rem 0 .2rem 1.2rem;padding:0} .bron{font-size:.9rem;color:#333}
table{border-collapse:collapse;margin:.4rem 0} td,th{border:1px solid #999;padding:.2rem .5rem;vertical-align:top;text-align:left}
.advies{margin:.5rem 0;padding:.3rem .8rem;border:1px solid #999}
svg.grafiek{width:100%;max-width:40rem;height:auto;border:1px solid #ccc}
footer{margin-top:2rem;font-size:.85rem;border-top:1px solid #999;padding-top:.5rem;word-break:break-all}
@media print{body{margin:0;max-width:none}@page{size:A4;margin:15mm}.alarm{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:#000}}
)";

class HtmlWriter {
 public:
  HtmlWriter(const Program& program, const Advice& advice)
      : program_(program), advice_(advice), m_(program.words()) {}

  std::string write() {
    out_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                        xml_escape(m_.language));
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // A saved report is opened from disk, where no server sends a policy: it carries its own.
    // It needs nothing but its inline style and inline images, so nothing else may load or run.
    out_ +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n";
    const std::string day = format_value(program_, Value{*parse_date(advice_.as_of)});
    out_ += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                        xml_escape(say(m_.html_title, advice_.case_id, day)), kStyle);
    out_ +=
        fmt::format("<header><h1>{}</h1><p>{} {}</p></header>\n<main>\n",
                    xml_escape(say(m_.html_heading, advice_.case_id)),
                    xml_escape(say(m_.advice_on_date, day)), xml_escape(m_.professional_decides));
    if (auto notice = after_as_of_notice(program_, advice_); !notice.empty()) {
      out_ += "<p class=\"let-op\" id=\"na-adviesdatum\">" + xml_escape(notice) + "</p>\n";
    }
    if (auto notice = format_one_notice(program_, advice_); !notice.empty()) {
      out_ += "<p class=\"let-op\" id=\"casusformaat-1\">" + xml_escape(notice) + "</p>\n";
    }
    for (const auto& d : advice_.decisions) {
      if (is_alert_decision(program_, d.name)) safety(d);
    }
    out_ += "<section id=\"besluiten\"><h2>" + xml_escape(m_.heading_decisions) + "</h2>\n";
    for (int index : program_.decision_order) {
      for (const auto& d : advice_.decisions) {
        if (d.name == program_.decisions[static_cast<size_t>(index)].name &&
            !is_alert_decision(program_, d.name))
          decision(d);
      }
    }
    out_ += "</section>\n";
    for (const auto& chart : advice_.charts) {
      out_ += fmt::format("<section class=\"grafiek\" id=\"grafiek-{}\"><h2>{}</h2>\n",
                          xml_escape(chart.name), xml_escape(chart.title)) +
              chart_svg(program_, chart);
      if (!chart.note.empty()) out_ += "<p>" + xml_escape(chart.note) + "</p>\n";
      out_ += "</section>\n";
    }
    recommendations();
    missing();
    out_ += fmt::format("<footer><p>{}</p>\n",
                        xml_escape(say(m_.footer, advice_.provenance.engine_version)));
    technical();
    out_ += "</footer>\n";
    out_ += "</main>\n</body>\n</html>\n";
    return out_;
  }

 private:
  const Program& program_;
  const Advice& advice_;
  const Messages& m_;
  const std::vector<OpenQuestion> open_ = open_questions_in_advice_order(program_, advice_);
  std::string out_;

  // "Bron: <a ...>...</a>" under a decision or recommendation.
  std::string source_line(const std::string& id) const {
    return "<div class=\"bron\">" + xml_escape(capitalized(m_.source)) + ": " + source_link(id) +
           "</div>\n";
  }

  std::string source_link(const std::string& id) const {
    for (const auto& s : advice_.sources) {
      if (s.id != id) continue;
      if (s.url.empty()) return xml_escape(s.title);
      return fmt::format("<a href=\"{}\">{}</a>", xml_escape(s.url), xml_escape(s.title));
    }
    return xml_escape(id);
  }

  void reasons(const std::vector<std::string>& because) {
    if (because.empty()) return;
    out_ += "<ul class=\"redenen\">";
    for (const auto& b : because) out_ += "<li>" + xml_escape(b) + "</li>";
    out_ += "</ul>\n";
  }

  void safety(const DecisionResult& d) {
    const int index = program_.decision_index(d.name);
    const CompiledDecision& dec = program_.decisions[static_cast<size_t>(index)];
    const std::string title = dec.title.empty() ? d.name : dec.title;
    std::string words;
    if (d.status == DecisionResult::Status::decided) {
      words = format_value(program_, d.value);
    } else if (d.status == DecisionResult::Status::unknown) {
      words = std::string(m_.unknown_capitals) + ": " + std::string(m_.cannot_determine);
      const std::string either = word_list(possible_members(program_, d, true), m_.list_or);
      if (!either.empty()) words += ". " + capitalized(m_.still_possible) + ": " + either;
    } else {
      words = std::string(m_.not_applicable);
    }
    out_ += fmt::format(
        "<section class=\"alarm {}\" role=\"alert\" id=\"alarm-{}\"><h2 "
        "class=\"banier\"><strong>{}: {}</strong></h2>\n",
        alert_class(program_, d), xml_escape(d.name), xml_escape(title), xml_escape(words));
    if (d.status == DecisionResult::Status::unknown && !d.missing.empty()) {
      out_ += "<p>" + xml_escape(m_.ask_first) + "</p>\n<ul class=\"vragen\">";
      for (const auto& q : questions_for(program_, advice_, d.missing)) {
        out_ += "<li>" + xml_escape(q) + "</li>";
      }
      out_ += "</ul>\n";
    }
    reasons(d.because);
    for (const auto& s : d.sources) out_ += source_line(s);
    // What to do now stands inside the banner, before anything else is read.
    bool opened = false;
    // Once, in the first alert's banner, when the rule set has more than one alert.
    const bool first_alert = program_.decision_index(d.name) == alert_decision_index(program_);
    for (const auto& r : advice_.recommendations) {
      if (!first_alert || !is_urgent(program_, r)) continue;
      if (!opened) out_ += "<div class=\"nu\"><h3>" + xml_escape(m_.heading_now) + "</h3>\n";
      opened = true;
      recommendation(r);
    }
    if (opened) out_ += "</div>\n";
    out_ += "</section>\n";
  }

  void decision(const DecisionResult& d) {
    int index = program_.decision_index(d.name);
    const CompiledDecision& dec = program_.decisions[static_cast<size_t>(index)];
    std::string title = dec.title.empty() ? d.name : dec.title;
    out_ += fmt::format("<div class=\"besluit\" id=\"besluit-{}\"><div>{}: ", xml_escape(d.name),
                        xml_escape(title));
    switch (d.status) {
      case DecisionResult::Status::decided:
        out_ += "<span class=\"waarde\">" + xml_escape(format_value(program_, d.value)) +
                "</span></div>\n";
        break;
      case DecisionResult::Status::unknown: {
        out_ += "<span class=\"status\">" + xml_escape(m_.unknown) + "</span>" +
                (d.missing.empty() ? std::string()
                                   : " (" +
                                         xml_escape(open_questions(
                                             program_, questions_open_for(program_, advice_, d))) +
                                         ", " + xml_escape(m_.see) + " <a href=\"#ontbrekend\">" +
                                         xml_escape(m_.heading_open) + "</a>)") +
                "</div>\n";
        if (!d.note.empty()) out_ += "<p>" + xml_escape(d.note) + "</p>\n";
        if (!d.deciding_fields.empty()) {
          out_ += "<p>" + xml_escape(capitalized(m_.check_fields)) + ": " +
                  xml_escape(word_list(fields_in_words(program_, d.deciding_fields), m_.list_and)) +
                  "</p>\n";
        }
        break;
      }
      case DecisionResult::Status::not_applicable:
        out_ += "<span class=\"status\">" + xml_escape(m_.not_applicable) + "</span></div>\n";
        break;
    }
    std::vector<std::string> see;
    reasons(own_reasons(program_, advice_, d, see));
    for (const auto& name : see) {
      const auto& other = program_.decisions[static_cast<size_t>(program_.decision_index(name))];
      out_ += "<p class=\"zie\">" + xml_escape(capitalized(m_.see)) + " <a href=\"#besluit-" +
              xml_escape(name) + "\">" + xml_escape(other.title.empty() ? name : other.title) +
              "</a>.</p>\n";
    }
    for (const auto& s : d.sources) out_ += source_line(s);
    if (!d.candidates.empty()) {
      const EnumDef& en = program_.schema.enums[static_cast<size_t>(dec.value_type.ref)];
      out_ += fmt::format(
          "<table class=\"afweging\"><caption>{}</caption><tr><th>{}</th><th>{}</th><th>{}</th>"
          "</tr>\n",
          xml_escape(capitalized(m_.weighing)), xml_escape(m_.option), xml_escape(m_.for_),
          xml_escape(m_.against));
      for (const auto& c : d.candidates) {
        std::string label = en.labels[static_cast<size_t>(en.index_of(c.value))];
        out_ += "<tr><td>" + xml_escape(label.empty() ? c.value : label) + "</td><td>";
        for (const auto& f : c.for_) out_ += xml_escape(f) + "<br>";
        out_ += "</td><td>";
        for (const auto& a : c.against) out_ += xml_escape(a) + "<br>";
        if (c.for_.empty() && c.against.empty()) out_ += xml_escape(m_.nothing_known_yet);
        out_ += "</td></tr>\n";
      }
      out_ += "</table>\n";
    }
    if (!d.conditions.empty()) {
      out_ += "<table class=\"voorwaarden\"><caption>" + xml_escape(capitalized(m_.conditions)) +
              "</caption>\n";
      for (const auto& c : d.conditions) {
        const std::string word = xml_escape(std::string(c.status == "met"       ? m_.met
                                                        : c.status == "not_met" ? m_.not_met
                                                                                : m_.unknown));
        std::string why;
        for (const auto& b : c.because) why += xml_escape(b) + " ";
        out_ += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", xml_escape(c.label),
                            word, why);
      }
      out_ += "</table>\n";
    }
    out_ += "</div>\n";
  }

  void recommendations() {
    out_ +=
        "<section id=\"aanbevelingen\"><h2>" + xml_escape(m_.heading_recommendations) + "</h2>\n";
    if (advice_.recommendations.empty()) {
      out_ += "<p>" + xml_escape(m_.no_recommendations) + "</p>\n";
    }
    std::string current;
    bool urgent = false;
    for (const auto& r : advice_.recommendations) {
      if (is_urgent(program_, r)) {
        urgent = true;  // shown in the alert's banner
        continue;
      }
      if (r.kind != current) {
        current = r.kind;
        const RecommendationKind* kind = program_.kind(r.kind);
        out_ += fmt::format("<h3>{}</h3>\n", xml_escape(kind ? kind->heading : r.kind));
      }
      recommendation(r);
    }
    if (urgent) {
      const int alert = alert_decision_index(program_);
      const CompiledDecision& d = program_.decisions[static_cast<size_t>(alert < 0 ? 0 : alert)];
      const std::string title = d.title.empty() ? d.name : d.title;
      out_ += "<p>" +
              say(xml_escape(m_.urgent_above), fmt::format("<a href=\"#alarm-{}\">{}</a>",
                                                           xml_escape(d.name), xml_escape(title))) +
              "</p>\n";
    }
    out_ += "</section>\n";
  }

  void recommendation(const RecommendationResult& r) {
    out_ += fmt::format(
        "<div class=\"advies {}\" id=\"advies-{}\"><p class=\"label\"><strong>{}</strong></p>"
        "<p>{}</p>\n",
        xml_escape(r.kind), xml_escape(r.id), xml_escape(r.label), xml_escape(r.text));
    reasons(r.because);
    if (!r.source.empty()) out_ += source_line(r.source);
    out_ += "</div>\n";
  }

  void missing() {
    if (open_.empty()) return;
    out_ += "<section id=\"ontbrekend\"><h2>" + xml_escape(m_.heading_open) + "</h2>\n<ul>\n";
    for (const OpenQuestion& q : open_) {
      out_ += "<li>" + xml_escape(q.question.empty() ? capitalized(m_.missing_data) : q.question);
      if (!q.needed_for.empty()) {
        out_ += " <span class=\"bron\">(" +
                xml_escape(say(m_.needed_for, word_list(q.needed_for, m_.list_and))) + ")</span>";
      }
      for (const auto& note : q.notes) out_ += "<br>" + xml_escape(note);
      out_ += "</li>\n";
    }
    out_ += "</ul>\n</section>\n";
  }

  // Ids, rule ids, field paths and hashes: for auditors and maintainers, folded away so a
  // caseworker reads only Dutch. The receipt keeps its id so a saved report can be checked.
  void technical() {
    const Provenance& p = advice_.provenance;
    out_ += fmt::format(
        "<details id=\"technisch\"><summary>{}</summary>\n<dl>\n<dt>{}</dt><dd><code>{}</code>, "
        "{} <code>{}</code>, {} <code>{}</code></dd>\n",
        xml_escape(m_.heading_technical), xml_escape(m_.tech_case), xml_escape(advice_.case_id),
        xml_escape(m_.tech_as_of), xml_escape(advice_.as_of), xml_escape(m_.tech_case_hash),
        xml_escape(advice_.case_sha256));
    for (const auto& d : advice_.decisions) {
      out_ += fmt::format("<dt>{} <code>{}</code></dt><dd><code>{}</code>",
                          xml_escape(m_.tech_decision), xml_escape(d.name),
                          xml_escape(outcome_word(program_, d)));
      if (!d.rules.empty()) {
        out_ += fmt::format(", {} <code>{}</code>", xml_escape(m_.tech_rules),
                            xml_escape(comma_list(d.rules)));
      }
      if (!d.deciding_fields.empty()) {
        out_ += fmt::format(", {} <code>{}</code>", xml_escape(m_.tech_fields),
                            xml_escape(comma_list(d.deciding_fields)));
      }
      out_ += "</dd>\n";
    }
    for (const auto& r : advice_.recommendations) {
      out_ +=
          fmt::format("<dt>{} <code>{}</code></dt><dd><code>{}</code>, {} <code>{}</code></dd>\n",
                      xml_escape(m_.tech_recommendation), xml_escape(r.id), xml_escape(r.kind),
                      xml_escape(m_.tech_rule), xml_escape(r.rule));
    }
    for (const auto& q : open_) {
      out_ += fmt::format("<dt>{}</dt><dd><code>{}</code> {} <code>{}</code></dd>\n",
                          xml_escape(m_.tech_missing), xml_escape(comma_list(q.fields)),
                          xml_escape(m_.tech_for), xml_escape(comma_list(q.needed_by)));
    }
    out_ += "</dl>\n";
    std::string layers;
    for (const auto& l : p.layers) {
      layers += fmt::format(" · {} {} (sha256 {})", xml_escape(m_.tech_layer), xml_escape(l.name),
                            xml_escape(l.sha256));
    }
    std::string overrides;
    for (const auto& o : p.overrides) {
      overrides += "<p>" +
                   say(xml_escape(m_.tech_override), "<code>" + xml_escape(o.rule) + "</code>",
                       xml_escape(o.replaced_layer), xml_escape(o.layer), xml_escape(o.reason)) +
                   "</p>";
    }
    out_ += fmt::format(
        "<div id=\"ontvangstbewijs\"><p>{}: <code>{}</code></p><p>Koers {} · {} {}{} · {} {} {} "
        "(sha256 {})</p>{}</div>\n</details>\n",
        xml_escape(m_.tech_receipt), xml_escape(advice_.receipt), xml_escape(p.engine_version),
        xml_escape(m_.tech_rules_hash), xml_escape(p.rules_sha256), layers,
        xml_escape(m_.tech_policy), xml_escape(p.policy_id), xml_escape(p.policy_version),
        xml_escape(p.policy_sha256), overrides);
  }
};

}  // namespace

std::string render_html(const Program& program, const Advice& advice) {
  return HtmlWriter(program, advice).write();
}

}  // namespace koers
