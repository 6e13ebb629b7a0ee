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

std::string esc(const std::string& s) {
  return xml_escape(s);
}

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
  HtmlWriter(const Program& program, const Advice& advice) : program_(program), advice_(advice) {}

  std::string write() {
    out_ += "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // A saved report is opened from disk, where no server sends a policy: it carries its own.
    // It needs nothing but its inline style and inline images, so nothing else may load or run.
    out_ +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n";
    const std::string day = format_value(program_, Value{*parse_date(advice_.as_of)});
    out_ += fmt::format("<title>Advies {} per {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                        esc(advice_.case_id), esc(day), kStyle);
    out_ += fmt::format(
        "<header><h1>Advies voor {}</h1><p>Per {}. Koers geeft advies; de professional "
        "beslist.</p></header>\n<main>\n",
        esc(advice_.case_id), esc(day));
    if (auto notice = after_as_of_notice(program_, advice_); !notice.empty()) {
      out_ += "<p class=\"let-op\" id=\"na-adviesdatum\">" + esc(notice) + "</p>\n";
    }
    if (auto notice = format_one_notice(advice_); !notice.empty()) {
      out_ += "<p class=\"let-op\" id=\"casusformaat-1\">" + esc(notice) + "</p>\n";
    }
    for (const auto& d : advice_.decisions) {
      if (is_alert_decision(program_, d.name)) safety(d);
    }
    out_ += "<section id=\"besluiten\"><h2>Besluiten</h2>\n";
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
                          esc(chart.name), esc(chart.title)) +
              chart_svg(program_, chart);
      if (!chart.note.empty()) out_ += "<p>" + esc(chart.note) + "</p>\n";
      out_ += "</section>\n";
    }
    recommendations();
    missing();
    out_ += fmt::format("<footer><p>Koers {} geeft advies; de professional beslist.</p>\n",
                        esc(advice_.provenance.engine_version));
    technical();
    out_ += "</footer>\n";
    out_ += "</main>\n</body>\n</html>\n";
    return out_;
  }

 private:
  const Program& program_;
  const Advice& advice_;
  const std::vector<OpenQuestion> open_ = open_questions_in_advice_order(program_, advice_);
  std::string out_;

  std::string source_link(const std::string& id) const {
    for (const auto& s : advice_.sources) {
      if (s.id != id) continue;
      if (s.url.empty()) return esc(s.title);
      return fmt::format("<a href=\"{}\">{}</a>", esc(s.url), esc(s.title));
    }
    return esc(id);
  }

  void reasons(const std::vector<std::string>& because) {
    if (because.empty()) return;
    out_ += "<ul class=\"redenen\">";
    for (const auto& b : because) out_ += "<li>" + esc(b) + "</li>";
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
      words = "ONBEKEND: niet vast te stellen";
      std::string either;
      const auto possible = possible_members(program_, d, true);
      for (size_t i = 0; i < possible.size(); ++i)
        either += (i == 0 ? "" : i + 1 == possible.size() ? " of " : ", ") + possible[i];
      if (!either.empty()) words += ". Nog mogelijk: " + either;
    } else {
      words = "niet van toepassing";
    }
    out_ += fmt::format(
        "<section class=\"alarm {}\" role=\"alert\" id=\"alarm-{}\"><h2 "
        "class=\"banier\"><strong>{}: {}</strong></h2>\n",
        alert_class(program_, d), esc(d.name), esc(title), esc(words));
    if (d.status == DecisionResult::Status::unknown && !d.missing.empty()) {
      out_ += "<p>Vraag eerst na:</p>\n<ul class=\"vragen\">";
      for (const auto& q : questions_for(advice_, d.missing)) out_ += "<li>" + esc(q) + "</li>";
      out_ += "</ul>\n";
    }
    reasons(d.because);
    for (const auto& s : d.sources)
      out_ += "<div class=\"bron\">Bron: " + source_link(s) + "</div>\n";
    // What to do now stands inside the banner, before anything else is read.
    bool opened = false;
    // Once, in the first alert's banner, when the rule set has more than one alert.
    const bool first_alert = program_.decision_index(d.name) == alert_decision_index(program_);
    for (const auto& r : advice_.recommendations) {
      if (!first_alert || !is_urgent(program_, r)) continue;
      if (!opened) out_ += "<div class=\"nu\"><h3>Nu doen</h3>\n";
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
    out_ +=
        fmt::format("<div class=\"besluit\" id=\"besluit-{}\"><div>{}: ", esc(d.name), esc(title));
    switch (d.status) {
      case DecisionResult::Status::decided:
        out_ +=
            "<span class=\"waarde\">" + esc(format_value(program_, d.value)) + "</span></div>\n";
        break;
      case DecisionResult::Status::unknown: {
        out_ +=
            "<span class=\"status\">onbekend</span>" +
            (d.missing.empty() ? std::string()
                               : " (" + esc(open_questions(questions_open_for(advice_, d))) +
                                     ", zie <a href=\"#ontbrekend\">Wat we nog niet weten</a>)") +
            "</div>\n";
        if (!d.note.empty()) out_ += "<p>" + esc(d.note) + "</p>\n";
        if (!d.deciding_fields.empty()) {
          out_ += "<p>Kijk deze gegevens na: " +
                  esc(word_list(fields_in_words(program_, d.deciding_fields), " en ")) + "</p>\n";
        }
        break;
      }
      case DecisionResult::Status::not_applicable:
        out_ += "<span class=\"status\">niet van toepassing</span></div>\n";
        break;
    }
    std::vector<std::string> see;
    reasons(own_reasons(program_, advice_, d, see));
    for (const auto& name : see) {
      const auto& other = program_.decisions[static_cast<size_t>(program_.decision_index(name))];
      out_ += "<p class=\"zie\">Zie <a href=\"#besluit-" + esc(name) + "\">" +
              esc(other.title.empty() ? name : other.title) + "</a>.</p>\n";
    }
    for (const auto& s : d.sources)
      out_ += "<div class=\"bron\">Bron: " + source_link(s) + "</div>\n";
    if (!d.candidates.empty()) {
      const EnumDef& en = program_.schema.enums[static_cast<size_t>(dec.value_type.ref)];
      out_ +=
          "<table "
          "class=\"afweging\"><caption>Afweging</caption><tr><th>Mogelijkheid</th><th>Voor</th>"
          "<th>Tegen</th></tr>\n";
      for (const auto& c : d.candidates) {
        std::string label = en.labels[static_cast<size_t>(en.index_of(c.value))];
        out_ += "<tr><td>" + esc(label.empty() ? c.value : label) + "</td><td>";
        for (const auto& f : c.for_) out_ += esc(f) + "<br>";
        out_ += "</td><td>";
        for (const auto& a : c.against) out_ += esc(a) + "<br>";
        if (c.for_.empty() && c.against.empty()) out_ += "nog niets bekend";
        out_ += "</td></tr>\n";
      }
      out_ += "</table>\n";
    }
    if (!d.conditions.empty()) {
      out_ += "<table class=\"voorwaarden\"><caption>Voorwaarden</caption>\n";
      for (const auto& c : d.conditions) {
        const char* word = c.status == "met"       ? "voldaan"
                           : c.status == "not_met" ? "niet voldaan"
                                                   : "onbekend";
        std::string why;
        for (const auto& b : c.because) why += esc(b) + " ";
        out_ +=
            fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(c.label), word, why);
      }
      out_ += "</table>\n";
    }
    out_ += "</div>\n";
  }

  void recommendations() {
    out_ += "<section id=\"aanbevelingen\"><h2>Aanbevelingen</h2>\n";
    if (advice_.recommendations.empty()) out_ += "<p>Geen aanbevelingen.</p>\n";
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
        out_ += fmt::format("<h3>{}</h3>\n", esc(kind ? kind->heading : r.kind));
      }
      recommendation(r);
    }
    if (urgent) {
      const int alert = alert_decision_index(program_);
      const CompiledDecision& d = program_.decisions[static_cast<size_t>(alert < 0 ? 0 : alert)];
      const std::string title = d.title.empty() ? d.name : d.title;
      out_ += fmt::format(
          "<p>De dringende aanbevelingen staan bovenaan, bij <a href=\"#alarm-{}\">{}</a>.</p>\n",
          esc(d.name), esc(title));
    }
    out_ += "</section>\n";
  }

  void recommendation(const RecommendationResult& r) {
    out_ += fmt::format(
        "<div class=\"advies {}\" id=\"advies-{}\"><p class=\"label\"><strong>{}</strong></p>"
        "<p>{}</p>\n",
        esc(r.kind), esc(r.id), esc(r.label), esc(r.text));
    reasons(r.because);
    if (!r.source.empty())
      out_ += "<div class=\"bron\">Bron: " + source_link(r.source) + "</div>\n";
    out_ += "</div>\n";
  }

  void missing() {
    if (open_.empty()) return;
    out_ += "<section id=\"ontbrekend\"><h2>Wat we nog niet weten</h2>\n<ul>\n";
    for (const OpenQuestion& q : open_) {
      out_ += "<li>" + esc(q.question.empty() ? "Een gegeven dat nog ontbreekt" : q.question);
      if (!q.needed_for.empty()) {
        out_ += " <span class=\"bron\">(nodig voor: " + esc(word_list(q.needed_for, " en ")) +
                ")</span>";
      }
      for (const auto& note : q.notes) out_ += "<br>" + esc(note);
      out_ += "</li>\n";
    }
    out_ += "</ul>\n</section>\n";
  }

  // Ids, rule ids, field paths and hashes: for auditors and maintainers, folded away so a
  // caseworker reads only Dutch. The receipt keeps its id so a saved report can be checked.
  void technical() {
    const Provenance& p = advice_.provenance;
    out_ +=
        "<details id=\"technisch\"><summary>Technische gegevens</summary>\n<dl>\n"
        "<dt>Casus</dt><dd><code>" +
        esc(advice_.case_id) + "</code>, adviesdatum <code>" + esc(advice_.as_of) +
        "</code>, casus sha256 <code>" + esc(advice_.case_sha256) + "</code></dd>\n";
    for (const auto& d : advice_.decisions) {
      out_ += fmt::format("<dt>Besluit <code>{}</code></dt><dd><code>{}</code>", esc(d.name),
                          esc(outcome_word(program_, d)));
      if (!d.rules.empty()) out_ += ", regels <code>" + esc(comma_list(d.rules)) + "</code>";
      if (!d.deciding_fields.empty()) {
        out_ += ", gegevens <code>" + esc(comma_list(d.deciding_fields)) + "</code>";
      }
      out_ += "</dd>\n";
    }
    for (const auto& r : advice_.recommendations) {
      out_ += fmt::format(
          "<dt>Aanbeveling <code>{}</code></dt><dd><code>{}</code>, regel "
          "<code>{}</code></dd>\n",
          esc(r.id), esc(r.kind), esc(r.rule));
    }
    for (const auto& q : open_) {
      out_ += "<dt>Ontbreekt</dt><dd><code>" + esc(comma_list(q.fields)) + "</code> voor <code>" +
              esc(comma_list(q.needed_by)) + "</code></dd>\n";
    }
    out_ += "</dl>\n";
    std::string layers;
    for (const auto& l : p.layers) {
      layers += fmt::format(" · laag {} (sha256 {})", esc(l.name), esc(l.sha256));
    }
    std::string overrides;
    for (const auto& o : p.overrides) {
      overrides +=
          fmt::format("<p>Regel <code>{}</code> van {} is vervangen door die van {}: {}</p>",
                      esc(o.rule), esc(o.replaced_layer), esc(o.layer), esc(o.reason));
    }
    out_ += fmt::format(
        "<div id=\"ontvangstbewijs\"><p>Ontvangstbewijs: <code>{}</code></p><p>Koers {} · "
        "regels sha256 {}{} · beleid {} {} (sha256 {})</p>{}</div>\n</details>\n",
        esc(advice_.receipt), esc(p.engine_version), esc(p.rules_sha256), layers, esc(p.policy_id),
        esc(p.policy_version), esc(p.policy_sha256), overrides);
  }
};

}  // namespace

std::string render_html(const Program& program, const Advice& advice) {
  return HtmlWriter(program, advice).write();
}

}  // namespace koers
