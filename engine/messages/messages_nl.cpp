// The Dutch catalogue: every rule set's words unless it names another language. A comment gives
// the arguments of each message with `{}`, in order.
#include "messages/catalogues.h"

namespace koers {

constinit const Messages kDutchMessages{
    .language = "nl",
    .language_name = "Nederlands",
    .months = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"},
    // The Dutch abbreviations: "mrt", not "maa"; "mei", "juni" and "juli" stay whole.
    .months_short = {"jan", "feb", "mrt", "apr", "mei", "juni", "juli", "aug", "sep", "okt", "nov",
                     "dec"},

    // values
    .yes = "ja",
    .no = "nee",
    .none = "geen",
    .unknown = "onbekend",
    .not_applicable = "niet van toepassing",
    .still_unknown_either = "nog onbekend: {}",  // the values still possible
    .quoted = "„{}”",
    .list_and = " en ",
    .list_or = " of ",
    .day_one = "dag",
    .day_many = "dagen",
    .month_one = "maand",
    .month_many = "maanden",
    .record_value = "(gegevens)",
    .unknown_count = "een onbekend aantal {}",  // what is counted, in the plural
    .organisation_setting = " (organisatie-instelling)",
    .organisation_setting_inside = ", organisatie-instelling",
    .date_format = "{0} {1} {2}",  // day, month name, year

    // evaluation
    .takes_precedence = "Voorrang heeft: {}.",                            // the value that does
    .not_yet_judged = "Nog niet te beoordelen; eerst na te vragen: {}.",  // the questions
    .more_than_one_rule = "meer dan een regel concludeert dit besluit",
    .no_rule_fits = "geen van de regels past bij de vastgelegde gegevens",
    .missing_data = "een gegeven dat nog ontbreekt",
    .field_without_question = "een gegeven (zie Technische gegevens)",
    .what_is = "Wat is „{}”?",  // a field's title

    // every report
    .advice_for_on = "Advies voor {} per {}",  // case id, date
    .advice_on_date = "Per {}.",               // date
    .professional_decides = "Koers geeft advies; de professional beslist.",
    .footer = "Koers {} geeft advies; de professional beslist.",  // engine version
    .heading_decisions = "Besluiten",
    .heading_recommendations = "Aanbevelingen",
    .heading_open = "Wat we nog niet weten",
    .heading_technical = "Technische gegevens",
    .heading_now = "Nu doen",
    .heading_sources = "Bronnen",
    .needed_for = "nodig voor: {}",  // what the answer is needed for
    .because = "want",
    .source = "bron",
    .see = "zie",
    .still_possible = "nog mogelijk",
    .check_fields = "kijk deze gegevens na",
    .weighing = "afweging",
    .conditions = "voorwaarden",
    .nothing_for_or_against = "nog niets bekend dat ervoor of ertegen pleit",
    .still_unknown_mark = "nog onbekend",
    .unknown_capitals = "ONBEKEND",
    .cannot_determine = "niet vast te stellen",
    .ask_first = "Vraag eerst na:",
    .open_one = "{} vraag staat nog open",    // 1
    .open_many = "{} vragen staan nog open",  // the number
    .error_line = "FOUT: {}",                 // the error
    // the number of entries, the advice date
    .after_as_of_one =
        "Let op: {0} gegeven van na de adviesdatum {1} is niet meegenomen. Het "
        "advies geldt voor die datum; kies een latere adviesdatum om dit gegeven "
        "mee te wegen.",
    .after_as_of_many =
        "Let op: {0} gegevens van na de adviesdatum {1} zijn niet meegenomen. "
        "Het advies geldt voor die datum; kies een latere adviesdatum om deze "
        "gegevens mee te wegen.",
    // the number of lists
    .format_one_one =
        "Let op: dit casusbestand heeft casusformaat 1. Daarin telt een lijst die "
        "ontbreekt als leeg: {} lijst ontbreekt en is gelezen als „geen”. Klopt dat "
        "niet, dan kan het advies te gunstig uitvallen. Gebruik casusformaat 2 "
        "(koers: 2): daarin is een ontbrekende lijst onbekend en vraagt het advies "
        "ernaar; schrijf [] als er echt geen zijn.",
    .format_one_many =
        "Let op: dit casusbestand heeft casusformaat 1. Daarin telt een lijst die "
        "ontbreekt als leeg: {} lijsten ontbreken en zijn gelezen als „geen”. Klopt "
        "dat niet, dan kan het advies te gunstig uitvallen. Gebruik casusformaat 2 "
        "(koers: 2): daarin is een ontbrekende lijst onbekend en vraagt het advies "
        "ernaar; schrijf [] als er echt geen zijn.",
    .format_one_team =
        "Let op: in dit casusbestand tellen ontbrekende lijsten als „geen” "
        "(casusformaat 1). Klopt dat niet, dan kan het advies te gunstig "
        "uitvallen.",

    // technical section
    .tech_case = "Casus",
    .tech_as_of = "adviesdatum",
    .tech_case_hash = "casus sha256",
    .tech_decision = "Besluit",
    .tech_rules = "regels",
    .tech_rule = "regel",
    .tech_fields = "gegevens",
    .tech_recommendation = "Aanbeveling",
    .tech_missing = "Ontbreekt",
    .tech_for = "voor",
    .tech_rules_hash = "regels sha256",
    .tech_policy = "beleid",
    .tech_layers = "lagen",
    .tech_layer = "laag",
    .tech_receipt = "Ontvangstbewijs",
    // the rule, the layer it came from, the layer that replaced it, why
    .tech_override = "Regel {} van {} is vervangen door die van {}: {}",

    // the HTML report and the print view
    .html_title = "Advies {} per {}",  // case id, date
    .html_heading = "Advies voor {}",  // case id
    .option = "Mogelijkheid",
    .for_ = "Voor",
    .against = "Tegen",
    .met = "voldaan",
    .not_met = "niet voldaan",
    .nothing_known_yet = "nog niets bekend",
    .no_recommendations = "Geen aanbevelingen.",
    .urgent_above = "De dringende aanbevelingen staan bovenaan, bij {}.",  // the alert's title
    .print_title = "Teambespreking {} per {}",                             // case id, date
    .print_heading = "Teambespreking: advies voor {}",                     // case id
    .baseline = "basismeting",
    .team_heading = "Besluit van het team",
    .team_decision = "Besluit",
    .team_who = "Wie doet wat, en wanneer",
    .team_deviate = "Afwijken van het advies? Waarom",
    .team_meeting = "Datum bespreking en aanwezigen",

    // charts
    .measurement_one = "meting",
    .measurement_many = "metingen",
    // the number of points, "meting(en)", the first date, the last date, the last value
    .chart_description = "{0} {1} van {2} tot {3}; laatste waarde {4}.",
    .window = "Venster",
    .from_to = "{} tot {}",  // two dates
    .on_date = "{} op {}",   // what, date

    // the timeline
    .timeline_for = "Verloop van het advies voor {}",  // case id
    .timeline_heading = "Verloop van het advies",
    .timeline_span = "Het advies aan het eind van elke maand, van {} tot en met {}",  // two dates
    .timeline_left_out_one = "de maand daarvoor is weggelaten",
    .timeline_left_out_many = "de {} maanden daarvoor zijn weggelaten",  // the number
    .timeline_unchanged = "{}: niets veranderd",                         // date
    .timeline_unchanged_span = "{} tot en met {}: niets veranderd",      // two dates
    .timeline_since_last = "sinds vorige maand: {}",                     // the change
    .timeline_since_last_column = "Sinds vorige maand",
    .timeline_now = "Nu ({})",            // date
    .timeline_new = "nieuw advies: {}",   // recommendation
    .timeline_dropped = "vervallen: {}",  // recommendation
    .timeline_table = "Besluiten per maand",
    .timeline_date = "Datum",

    .web = dutch_web_words,
};

}  // namespace koers
