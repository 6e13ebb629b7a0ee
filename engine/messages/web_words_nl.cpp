// The web page's own words in Dutch, sorted by key (the page asks for them by key). The page
// shows them as they stand; a comment gives the arguments of each message with `{}`, in order.
// The words the page shares with the reports (ja, nee, onbekend, the months, the date) are the
// catalogue's own keys in messages_nl.cpp.
#include "messages/catalogues.h"

namespace koers {
namespace {

constexpr MessageEntry kDutchWords[] = {
    {"access_key", "Toegangssleutel"},
    {"add_measurement", "Meting toevoegen"},
    {"add_row", "{} toevoegen"},  // the name of one entry of the list
    {"advice_date", "Adviesdatum (leeg: die uit de casus, anders vandaag)"},
    {"advice_heading", "Advies"},
    {"advice_report", "Adviesrapport"},
    {"case_explanation",
     "Vul het formulier in, open een casusbestand of kies een voorbeeld. Gebruik een pseudoniem "
     "of dossiernummer als kenmerk, nooit een naam. Er wordt niets op de server bewaard; "
     "logboeken noemen een casus alleen bij kenmerk en hash."},
    {"case_file_name", "casus"},
    {"case_form", "Casusformulier"},
    {"case_format_guide", "Het casusformaat"},
    {"case_heading", "Casus"},
    {"case_text", "Casus (YAML of JSON)"},
    {"chart_empty", "Nog geen metingen om te tekenen"},
    {"chart_point", "{0}: {1}"},              // date, value
    {"chart_title", "Verloop van {0}: {1}"},  // what is measured (lower case), the points
    {"choose_date", "Kies een datum."},
    {"choose_option", "— kies —"},
    {"convert_to_format_two", "Omzetten naar casusformaat 2"},
    {"diagnostic_at", "regel {0}, kolom {1}: {2}"},  // line, column, the mistake
    {"does_not_exist", "Geen (bestaat niet)"},
    {"enter_number_between", "Vul een getal van {0} tot en met {1} in."},  // lowest, highest
    {"enter_whole_number", "Vul een heel getal in."},
    {"error_status", "Fout {}"},  // the HTTP status
    {"errors_placed_many", "De fouten staan bij de velden in het formulier."},
    {"errors_placed_one", "De fout staat bij het veld in het formulier."},
    {"example_case", "Voorbeeldcasus"},
    {"feedback_accept", "Overnemen"},
    {"feedback_choose_first", "Kies eerst: overnemen of afwijken."},
    {"feedback_explanation",
     "Neemt u een aanbeveling over, of wijkt u af? Uw keuze en reden worden vastgelegd in het "
     "auditlogboek van de server. Noem geen namen in de reden."},
    {"feedback_heading", "Uw besluit over de aanbevelingen"},
    {"feedback_no_audit_log",
     "Deze server houdt geen auditlogboek bij; uw besluit is niet vastgelegd."},
    {"feedback_not_recorded", "Niet vastgelegd: {}"},  // the server’s reason
    {"feedback_override", "Afwijken"},
    {"feedback_reason", "Reden (nodig als u afwijkt)"},
    {"feedback_reason_needed", "Geef een reden als u afwijkt."},
    {"feedback_record", "Vastleggen"},
    {"feedback_recorded", "Vastgelegd in het auditlogboek."},
    {"field_is_required", "Dit veld is verplicht."},
    {"field_required", "{} (verplicht)"},  // the field’s label
    {"fill_in", "Invullen"},
    {"form_cannot_read", "Dit casusbestand kan het formulier niet lezen: {}"},  // the mistake
    // line, column, the mistake
    {"form_cannot_read_at",
     "Dit casusbestand kan het formulier niet lezen (regel {0}, kolom {1}): {2}"},
    {"form_loading", "Het formulier wordt geladen…"},
    {"format_one_notice",
     "Dit casusbestand heeft casusformaat 1: een lijst die ontbreekt telt daarin als „geen”. In "
     "casusformaat 2 is een ontbrekende lijst onbekend en vraagt het advies ernaar."},
    {"input_as", "Invoer als"},
    {"key_refused", "Deze toegangssleutel wordt niet (meer) aanvaard. Vul een geldige sleutel in."},
    {"list_asked", "Uitgevraagd (leeg laten betekent: geen)"},
    {"list_none", "Geen."},
    {"list_not_asked", "Nog niet uitgevraagd: het advies vraagt ernaar."},
    {"list_row", "{0} {1}"},  // the name of one entry, its number
    {"load_failed", "Het formulier of de voorbeelden konden niet worden geladen."},
    {"make_advice", "Advies maken"},
    {"manual", "Handleiding"},
    {"new_case", "Nieuwe casus"},
    {"no_case_yet",
     "Er is nog geen casus: vul het formulier in, open een bestand of kies een voorbeeld."},
    {"no_example", "— geen voorbeeld —"},
    {"not_allowed", "U mag dit niet met uw toegangssleutel; vraag uw beheerder."},
    {"not_filled_in_default", "Niet ingevuld (dan: {})"},  // the default, yes or no
    {"open_case_file", "Casusbestand openen"},
    {"over_time", "Verloop in de tijd"},
    {"page_title", "Koers — advies voor een gezin"},
    // what is measured (lower case)
    {"paste_hint", "Twee kolommen: datum (31-12-2026 of 2026-12-31) en {}, een meting per regel."},
    {"paste_label", "Plakken uit een spreadsheet"},
    {"paste_result", "{}."},                // paste_taken_one or _many
    {"paste_result_skipped", "{0}; {1}."},  // paste_taken_one or _many, paste_skipped_one or _many
    // the number, what is measured (lower case)
    {"paste_skipped_many", "{0} regels niet gelezen (verwacht: datum en {1})"},
    // 1, what is measured (lower case)
    {"paste_skipped_one", "{0} regel niet gelezen (verwacht: datum en {1})"},
    {"paste_take", "Geplakte metingen overnemen"},
    {"paste_taken_many", "{} metingen overgenomen"},  // the number
    {"paste_taken_one", "{} meting overgenomen"},     // 1
    {"pattern_mismatch",
     "Gebruik alleen letters, cijfers, punt, streepje en liggend streepje (geen namen: een "
     "pseudoniem of dossiernummer)."},
    {"print_for_team", "Afdrukken voor de teambespreking"},
    {"print_version", "Afdrukversie"},
    {"record_details", "{}: gegevens"},  // the record’s title
    {"remove", "Verwijderen"},
    {"remove_row", "{} verwijderen"},  // the row’s title (list_row)
    {"report_file_name", "advies"},
    {"save_case_file", "Casusbestand opslaan"},
    {"save_report", "Rapport opslaan (HTML)"},
    {"series_action_column", "Actie"},
    {"series_caption", "{0}: datum en {1}"},  // the list’s title, what is measured (lower case)
    {"series_date_column", "Datum"},
    {"series_remove_row", "Meting {} verwijderen"},  // its number
    {"series_row_date", "Datum meting {}"},          // its number
    {"series_row_value", "{0} meting {1}"},          // what is measured, its number
    {"series_value_column", "{0} ({1}–{2})"},        // what is measured, lowest, highest
    {"sign_in", "Aanmelden"},
    // the keys’ prefix, as code
    {"sign_in_explanation",
     "Deze server vraagt wie u bent. Vul de toegangssleutel in die u van uw beheerder kreeg "
     "(hij begint met {}). De sleutel blijft alleen in dit tabblad bewaard."},
    {"sign_in_first", "Meld u eerst aan met uw toegangssleutel."},
    {"signed_in", "Aangemeld."},
    {"skip_to_advice", "Naar het advies"},
    {"status_case_not_in_order", "Geen advies: de casus is niet in orde."},
    {"status_making_advice", "Advies wordt gemaakt…"},
    {"status_no_advice_yet", "Nog geen advies gevraagd."},
    {"status_print_failed", "De afdrukversie kon niet worden gemaakt."},
    {"status_print_ready",
     "De afdrukversie staat klaar: een of twee A4-pagina’s voor de teambespreking."},
    {"status_server_unreachable", "Geen advies: de server is niet bereikbaar."},
    {"status_timeline_computing", "Het verloop wordt berekend…"},
    {"status_timeline_failed", "Het verloop kon niet worden berekend."},
    // the number
    {"status_timeline_many", "Verloop in de tijd: {} maanden waarin het advies veranderde."},
    {"status_timeline_one", "Verloop in de tijd: {} maand waarin het advies veranderde."},  // 1
    {"tagline", "Advies bij een casus."},
    {"unknown_option", "— onbekend —"},
    {"view_advice", "Advies"},
    {"view_form", "Formulier"},
    {"view_yaml", "YAML"},
    {"with_chart", "Met de grafiek {}."},  // the chart’s title
    // three pieces of YAML, as code
    {"yaml_hint",
     "Casusformaat 2: {}, {}, … Een lijst die ontbreekt is onbekend; {} betekent geen."},
};

}  // namespace

std::span<const MessageEntry> dutch_web_words() {
  return kDutchWords;
}

}  // namespace koers
