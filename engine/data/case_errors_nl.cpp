#include "data/case_errors_nl.h"

#include <regex>

namespace koers {

namespace {

// The path a loader message starts with ("family.children[1].age: ..."), or "".
std::string leading_path(const std::string& message) {
  static const std::regex path(
      "^([a-z_][a-z0-9_]*(\\[[0-9]+\\])?(\\.[a-z_][a-z0-9_]*(\\[[0-9]+\\])?)*)(: |$)");
  std::smatch m;
  return std::regex_search(message, m, path) ? m[1].str() : std::string();
}

std::string quoted(const std::string& s) {
  return "„" + s + "”";
}

// The field a message is about, in words: „Leeftijd (jaren)” bij Kind 2, or "dit veld".
std::string subject(const Schema& schema, const std::string& message) {
  const std::string path = leading_path(message);
  const std::string words = path.empty() ? std::string() : field_in_dutch(schema, path);
  return words.empty() ? std::string("Dit veld") : quoted(words);
}

// The unknown key of a C306 as the caseworker wrote it: the text under the diagnostic's caret
// (any characters: "Family", "as-of", "geboorte datum"); else the message's last path segment.
std::string unknown_key(const Diagnostic& d) {
  if (d.span.file && d.span.known() && d.span.col > 0 && d.span.length > 0) {
    const std::string_view line = d.span.file->line(d.span.line);
    const auto start = static_cast<size_t>(d.span.col - 1);
    if (start < line.size()) {
      std::string key(line.substr(start, static_cast<size_t>(d.span.length)));
      if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
          key.back() == key.front()) {
        key = key.substr(1, key.size() - 2);
      }
      if (!key.empty()) return key;
    }
  }
  const std::string marker = ": unknown key";
  const std::string before = d.message.substr(0, d.message.find(marker));
  const size_t dot = before.rfind('.');
  return dot == std::string::npos ? before : before.substr(dot + 1);
}

// "laag, matig of hoog": the Dutch labels of the enum a field (or a list's entries) takes.
std::string choices(const Schema& schema, const std::string& message) {
  const FieldDef* field = schema.field_at(leading_path(message));
  if (field == nullptr) return {};
  const Type* type = &field->type;
  if (type->kind == TypeKind::list && type->element) type = type->element.get();
  if (type->kind != TypeKind::enumeration) return {};
  const EnumDef& en = schema.enums[static_cast<size_t>(type->ref)];
  std::string out;
  for (size_t i = 0; i < en.members.size(); ++i) {
    if (i > 0) out += i + 1 == en.members.size() ? " of " : ", ";
    // In a file the value is written as its name: both, so the caseworker knows what to type.
    out += en.labels[i].empty() || en.labels[i] == en.members[i]
               ? en.members[i]
               : en.labels[i] + " (" + en.members[i] + ")";
  }
  return out;
}

}  // namespace

std::string field_in_dutch(const Schema& schema, const std::string& path) {
  if (schema.root < 0) return {};
  const RecordDef* record = &schema.root_record();
  std::string out;
  size_t at = 0;
  while (at < path.size() && record != nullptr) {
    size_t end = path.find_first_of(".[", at);
    const std::string name = path.substr(at, end == std::string::npos ? end : end - at);
    const int index = record->index_of(name);
    if (index < 0) return {};
    const FieldDef& field = record->fields[static_cast<size_t>(index)];
    const std::string title = field.title.empty() ? name : field.title;
    const Type* type = &field.type;
    at = end == std::string::npos ? path.size() : end;
    if (at < path.size() && path[at] == '[') {
      const size_t close = path.find(']', at);
      const int entry = std::stoi(path.substr(at + 1, close - at - 1)) + 1;
      out += (field.item_title.empty() ? title : field.item_title) + " " + std::to_string(entry);
      at = close + 1;
      if (type->kind == TypeKind::list && type->element) type = type->element.get();
    } else {
      out += title;
    }
    if (at < path.size() && path[at] == '.') {
      ++at;
      out += ": ";
    }
    record =
        type->kind == TypeKind::record ? &schema.records[static_cast<size_t>(type->ref)] : nullptr;
  }
  return at >= path.size() ? out : std::string();
}

std::string dutch_case_message(const Schema& schema, const Diagnostic& d) {
  const std::string& m = d.message;
  const std::string what = subject(schema, m);
  if (d.code == "C300") {
    return "Het casusbestand is niet te lezen, of groter dan een casusbestand ooit is.";
  }
  if (d.code == "C301") {
    return "Dit is geen geldig casusbestand: de opbouw (inspringen, dubbele punten, streepjes) "
           "klopt "
           "hier niet.";
  }
  if (d.code == "C302") {
    return "Dit bestand gaat over een grens heen die een casusbestand nooit nodig heeft (te diep "
           "genest, te lang, te veel fouten, of verwijzingen met & of *).";
  }
  if (d.code == "C303") return what + " is verplicht en ontbreekt.";
  if (d.code == "C305" || (d.code == "C304" && !choices(schema, m).empty())) {
    return what + ": deze keuze bestaat niet. Kies uit: " + choices(schema, m) + ".";
  }
  if (d.code == "C304") {
    if (m.find("expected a date") != std::string::npos) {
      return what + ": vul een datum in als jaar-maand-dag, bijvoorbeeld 2026-11-01.";
    }
    if (m.find("expected a whole number") != std::string::npos ||
        m.find("expected an integer") != std::string::npos ||
        m.find("expected a number") != std::string::npos) {
      return what + ": vul een heel getal in.";
    }
    if (m.find("expected bool") != std::string::npos) {
      return what + ": vul ja (true) of nee (false) in.";
    }
    if (m.find("expected a mapping") != std::string::npos) {
      return what + ": hier horen velden, elk op een eigen regel en ingesprongen.";
    }
    if (m.find("expected a list") != std::string::npos) {
      return what + ": hier hoort een lijst (een regel per onderdeel, of [] voor geen).";
    }
    return what + ": dit is niet het soort gegeven dat hier hoort.";
  }
  if (d.code == "C306") {
    return "Het veld " + quoted(unknown_key(d)) +
           " bestaat niet in het casusformaat (een tikfout?). Koers leest het niet als onbekend, "
           "maar weigert het bestand tot het is verbeterd.";
  }
  if (d.code == "C307") return what + ": deze datum bestaat niet.";
  if (d.code == "C308")
    return what + ": deze datum ligt vóór de datum waar hij niet vóór mag liggen.";
  if (d.code == "C309") return what + ": dit getal is te groot of te klein.";
  if (d.code == "C310") return what + ": het aantal waarden klopt niet.";
  if (d.code == "C311")
    return what + ": de totaalscore is niet gelijk aan de som van de scores per vraag.";
  if (d.code == "C312")
    return what + ": deze waarde komt twee keer voor; elk kenmerk of elke datum maar één keer.";
  if (d.code == "C313") {
    return what +
           ": leeg (null) mag hier niet. Laat het veld weg als het onbekend is, of schrijf [] "
           "bij een lijst zonder onderdelen.";
  }
  if (d.code == "C314") {
    return what +
           ": vul minstens een van de gevraagde gegevens in (bij een kind: de geboortedatum of "
           "de leeftijd).";
  }
  if (d.code == "C315") {
    return what +
           ": gebruik alleen letters, cijfers, punt, streepje en liggend streepje: een "
           "pseudoniem of dossiernummer, nooit een naam.";
  }
  if (d.code == "C316") return "Dit casusformaat kent Koers niet: schrijf koers: 2 bovenaan.";
  if (d.code == "C317") {
    return "Een casusbestand bevat precies één casus: één blok met velden, zonder tweede casus na "
           "een regel met ---.";
  }
  return m;
}

Diagnostics dutch_case_diagnostics(const Schema& schema, const Diagnostics& diagnostics) {
  Diagnostics out;
  for (Diagnostic d : diagnostics.sorted()) {
    d.message = dutch_case_message(schema, d);
    // A spelling suggestion for an unknown field stays useful; other hints speak YAML.
    const std::string suggestion = "did you mean ";
    d.hint = d.code == "C306" && d.hint.rfind(suggestion, 0) == 0
                 ? "bedoelt u " + d.hint.substr(suggestion.size())
                 : std::string();
    out.add(std::move(d));
  }
  return out;
}

}  // namespace koers
