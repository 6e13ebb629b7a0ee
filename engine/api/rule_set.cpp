#include "api/rule_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "api/parse_cache.h"
#include "check/checker.h"
#include "eval/scalar_code.h"
#include "util/sha256.h"

namespace koers {

namespace fs = std::filesystem;

// Rule files beyond this size are refused: no real rule file comes close, and it bounds parsing.
constexpr std::uintmax_t kMaxRuleFileBytes = 4u << 20;

namespace {

struct ParsedLayer {
  std::string name;
  std::string path;
  std::string sha256;
  std::vector<ast::File> files;
};

// Parses one layer's files (in name order) and hashes them: names and bytes, each length-prefixed
// so no two sets can collide by framing.
std::optional<ParsedLayer> parse_layer(const RuleLayerTexts& layer, Diagnostics& diags) {
  std::vector<std::pair<std::string, std::string>> sorted = layer.files;
  std::sort(sorted.begin(), sorted.end());
  ParsedLayer parsed{layer.name, layer.path, {}, {}};
  std::string hash_input;
  bool syntax_ok = true;
  for (const auto& [name, text] : sorted) {
    hash_input +=
        std::to_string(name.size()) + ":" + name + std::to_string(text.size()) + ":" + text;
    std::string shown = layer.display_path.empty()
                            ? name
                            : (fs::path(layer.display_path) / name).lexically_normal().string();
    auto source = std::make_shared<SourceFile>(shown, text);
    auto file = parse_rule_file(source, diags);
    if (!file) {
      syntax_ok = false;
      continue;
    }
    parsed.files.push_back(std::move(*file));
  }
  if (!syntax_ok) return std::nullopt;
  parsed.sha256 = sha256_hex(hash_input);
  // The layer's name comes from its own files (`layer "Regio Noord"`), never from where they are
  // kept: the advice names it, and must be the same from any directory.
  const ast::LayerDecl* named = nullptr;
  for (const auto& f : parsed.files) {
    for (const auto& l : f.layers) {
      if (named == nullptr) {
        named = &l;
        continue;
      }
      diags.error("K228", l.span, "this layer is named twice",
                  fmt::format("it is named \"{}\" at {}:{}; a layer has one name", named->name,
                              named->span.path(), named->span.line));
    }
  }
  parsed.name = named != nullptr ? named->name : layer.name;
  if (named != nullptr && named->name.find_first_not_of(" \t") == std::string::npos) {
    diags.error("K228", named->span, "a layer's name is empty",
                "name it as people will read it, as in `layer \"Regio Noord\"`");
  }
  return parsed;
}

std::string where(const Span& span) {
  return fmt::format("{}:{}", span.path(), span.line);
}

// Later layers add to earlier ones; a rule of a later layer with the id of an earlier one must say
// `overrides "reason"`, and then takes its place. Problems are K228; the rules at fault are left
// out so that the checker does not report them a second time as duplicates.
std::vector<RuleOverride> merge_layers(std::vector<ParsedLayer>& layers, Diagnostics& diags) {
  struct Placed {
    size_t layer, file, rule;
  };
  std::map<std::string, Placed> seen;  // rule id → where it now stands
  std::vector<RuleOverride> overrides;
  std::vector<std::vector<std::vector<bool>>> dropped(layers.size());
  for (size_t l = 0; l < layers.size(); ++l) {
    dropped[l].resize(layers[l].files.size());
    for (size_t f = 0; f < layers[l].files.size(); ++f) {
      auto& rules = layers[l].files[f].rules;
      dropped[l][f].assign(rules.size(), false);
      for (size_t r = 0; r < rules.size(); ++r) {
        const ast::RuleDecl& rule = rules[r];
        auto earlier = seen.find(rule.id);
        const bool from_earlier_layer = earlier != seen.end() && earlier->second.layer < l;
        if (rule.overrides_reason) {
          if (rule.overrides_reason->find_first_not_of(" \t") == std::string::npos) {
            diags.error("K228", rule.overrides_span,
                        fmt::format("rule `{}` overrides without a reason", rule.id),
                        "say why the organisation replaces it: the reason is shown in every "
                        "advice given with this rule");
          }
          if (earlier != seen.end() && earlier->second.layer == l) {
            const Placed& first = earlier->second;
            diags.error(
                "K228", rule.overrides_span,
                fmt::format("rule `{}` is overridden twice in layer `{}`", rule.id, layers[l].name),
                fmt::format("the first is at {}",
                            where(layers[l].files[first.file].rules[first.rule].span)));
            dropped[l][f][r] = true;
            continue;
          }
          if (l == 0) {
            diags.error("K228", rule.overrides_span,
                        fmt::format("rule `{}` overrides, but `{}` is the first layer: there is "
                                    "nothing before it to override",
                                    rule.id, layers[l].name),
                        "`overrides` is for an organisation's layer, given after the national "
                        "rules: `--rules national --rules organisation`");
            dropped[l][f][r] = true;
            continue;
          }
          if (!from_earlier_layer) {
            std::vector<std::string> ids;
            for (const auto& [id, place] : seen) {
              if (place.layer < l) ids.push_back(id);
            }
            const std::string near = closest_match(rule.id, ids);
            diags.error("K228", rule.overrides_span,
                        fmt::format("rule `{}` overrides nothing: no earlier layer has a rule `{}`",
                                    rule.id, rule.id),
                        near.empty() ? std::string("check the id against the earlier layer's "
                                                   "rules, or leave out `overrides` to add a "
                                                   "new rule")
                                     : fmt::format("did you mean `{}`?", near));
            dropped[l][f][r] = true;
            continue;
          }
          const Placed& old = earlier->second;
          dropped[old.layer][old.file][old.rule] = true;
          overrides.push_back(
              {rule.id, *rule.overrides_reason, layers[l].name, layers[old.layer].name});
          earlier->second = {l, f, r};
          continue;
        }
        if (from_earlier_layer) {
          const Placed& old = earlier->second;
          diags.error(
              "K228", rule.span,
              fmt::format("rule `{}` is already in layer `{}` ({}): a later layer replaces a rule "
                          "only on purpose",
                          rule.id, layers[old.layer].name,
                          where(layers[old.layer].files[old.file].rules[old.rule].span)),
              fmt::format("to replace it, write `rule {} overrides \"reason\" {{`; to add a rule "
                          "of your own, give it an id of its own",
                          rule.id));
          dropped[l][f][r] = true;
          continue;
        }
        // Two rules with one id in one layer: the checker reports that (K2xx), with both places.
        if (earlier == seen.end()) seen[rule.id] = {l, f, r};
      }
    }
  }
  for (size_t l = 0; l < layers.size(); ++l) {
    for (size_t f = 0; f < layers[l].files.size(); ++f) {
      auto& rules = layers[l].files[f].rules;
      std::vector<ast::RuleDecl> kept;
      for (size_t r = 0; r < rules.size(); ++r) {
        if (!dropped[l][f][r]) kept.push_back(std::move(rules[r]));
      }
      rules = std::move(kept);
    }
  }
  return overrides;
}

// The .koers files of a rule-set directory (with its subdirectories), or the one file given.
std::optional<RuleLayerTexts> read_layer(const std::string& dir, const std::string& display_as,
                                         Diagnostics& diags) {
  std::vector<fs::path> paths;
  std::error_code ec;
  fs::path base = dir;
  if (fs::is_regular_file(dir, ec)) {
    paths.emplace_back(dir);
    base = fs::path(dir).parent_path();
  } else if (fs::is_directory(dir, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".koers")
        paths.push_back(entry.path());
    }
  }
  if (paths.empty()) {
    Diagnostic d;
    d.code = "K001";
    d.message = "no rule files (*.koers) found here";
    d.path_for_display = display_as.empty() ? dir : display_as;
    diags.add(std::move(d));
    return std::nullopt;
  }
  RuleLayerTexts layer;
  layer.path = dir;
  layer.display_path = display_as.empty() ? base.string() : display_as;
  for (const auto& p : paths) {
    // Names relative to the rule set, so the hash does not depend on where the set is read from.
    std::string relative = p.lexically_relative(base).generic_string();
    std::string display = display_as.empty() ? p.lexically_normal().string()
                                             : (fs::path(display_as) / relative).generic_string();
    if (fs::file_size(p, ec) > kMaxRuleFileBytes) {
      Diagnostic d;
      d.code = "K001";
      d.message = "this rule file is larger than 4 MiB";
      d.path_for_display = display;
      diags.add(std::move(d));
      continue;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      Diagnostic d;
      d.code = "K001";
      d.message = "cannot read this rule file";
      d.path_for_display = display;
      diags.add(std::move(d));
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    layer.files.emplace_back(relative, buffer.str());
  }
  return layer;
}

// The catalogue the rule set names with `language` (at most once per layer; a later layer's
// choice counts, so an organisation's layer can give its advice in its own language), or nullptr
// when no layer names one. A code without a catalogue is K231, with the codes there are.
const Messages* chosen_language(const std::vector<ParsedLayer>& layers, Diagnostics& diags) {
  const Messages* chosen = nullptr;
  for (const auto& layer : layers) {
    const ast::LanguageDecl* first = nullptr;
    for (const auto& f : layer.files) {
      for (const auto& d : f.languages) {
        if (first != nullptr) {
          diags.error("K201", d.span, "the layer names its language twice",
                      "first named at " + where(first->span));
          continue;
        }
        first = &d;
        if (const Messages* m = find_messages(d.code)) {
          chosen = m;
          continue;
        }
        std::string known;
        for (const Messages* m : all_messages()) {
          known +=
              fmt::format("{}`{}` ({})", known.empty() ? "" : ", ", m->language, m->language_name);
        }
        diags.error("K231", d.span, fmt::format("Koers has no words for the language `{}`", d.code),
                    "the languages Koers can give advice in: " + known);
      }
    }
  }
  return chosen;
}

}  // namespace

std::string layer_name(const std::string& dir) {
  fs::path p = fs::path(dir).lexically_normal();
  if (p.has_filename() && p.filename() != ".") {
    return p.extension() == ".koers" ? p.stem().string() : p.filename().string();
  }
  p = p.parent_path();
  return p.filename().empty() ? std::string("rules") : p.filename().string();
}

std::optional<Program> load_rule_layers_from_texts(const std::vector<RuleLayerTexts>& layers,
                                                   Diagnostics& diags,
                                                   const check::CheckOptions& options) {
  std::vector<ParsedLayer> parsed;
  bool syntax_ok = true;
  for (const auto& layer : layers) {
    auto p = parse_layer(layer, diags);
    if (!p) {
      syntax_ok = false;
      continue;
    }
    parsed.push_back(std::move(*p));
  }
  if (!syntax_ok || parsed.empty()) return std::nullopt;
  for (size_t i = 0; i < parsed.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (parsed[i].sha256 != parsed[j].sha256) continue;
      Diagnostic d;
      d.code = "K228";
      d.message =
          fmt::format("layer {} is the same as layer {}: the same files given twice", i + 1, j + 1);
      d.hint = "give each layer's directory once with `--rules`";
      d.path_for_display = layers[i].display_path;
      diags.add(std::move(d));
      return std::nullopt;
    }
  }
  // The default policy: at most one per layer, the last layer's counts.
  std::string policy_declared;
  std::string policy_path;
  for (const auto& layer : parsed) {
    const ast::DefaultPolicyDecl* first = nullptr;
    for (const auto& f : layer.files) {
      for (const auto& d : f.default_policies) {
        if (first != nullptr) {
          diags.error("K201", d.span, "the layer names its default policy twice",
                      fmt::format("first named at {}:{}:{}", first->span.path(), first->span.line,
                                  first->span.col));
          continue;
        }
        first = &d;
        policy_declared = d.path;
        // Relative to the layer's directory (the file's, for a layer of one file).
        std::error_code ec;
        const std::filesystem::path base = std::filesystem::is_regular_file(layer.path, ec)
                                               ? std::filesystem::path(layer.path).parent_path()
                                               : std::filesystem::path(layer.path);
        // Through a link to the rules (a release swapped by renaming a link), from where they are.
        const std::filesystem::path real = std::filesystem::weakly_canonical(base, ec);
        policy_path =
            layer.path.empty() ? d.path : ((ec ? base : real) / d.path).lexically_normal().string();
      }
    }
  }
  const Messages* words = chosen_language(parsed, diags);
  auto overrides = merge_layers(parsed, diags);
  std::vector<ast::File> files;
  for (auto& layer : parsed) {
    for (auto& f : layer.files) files.push_back(std::move(f));
  }
  const bool merge_ok = !diags.has_errors();
  auto program = check::check_rule_set(files, diags, options);
  if (!program || !merge_ok) return std::nullopt;
  program->rules_path =
      layers.front().path.empty() ? layers.front().display_path : layers.front().path;
  for (const auto& layer : parsed) {
    program->layers.push_back({layer.name, layer.sha256, layer.path});
  }
  program->overrides = std::move(overrides);
  if (words != nullptr) program->messages = words;
  program->default_policy_declared = std::move(policy_declared);
  program->default_policy_path = std::move(policy_path);
  if (parsed.size() == 1) {
    program->rules_sha256 = parsed.front().sha256;
  } else {
    // The layers' contents in order (a declared name is content): another order or another layer
    // is another set, and where the layers are kept does not count.
    std::string input = "layers:" + std::to_string(parsed.size());
    for (const auto& layer : parsed) input += "|" + layer.sha256;
    program->rules_sha256 = sha256_hex(input);
  }
  // Compiled here, once the program is in its final place: the code points into it.
  program->scalar_code = std::make_shared<const ScalarCode>(*program);
  return program;
}

std::optional<Program> load_rule_set_from_texts(
    const std::vector<std::pair<std::string, std::string>>& texts, Diagnostics& diags,
    const std::string& display_path, const check::CheckOptions& options) {
  RuleLayerTexts layer;
  layer.name = "rules";
  layer.display_path = display_path;
  layer.files = texts;
  return load_rule_layers_from_texts({layer}, diags, options);
}

std::optional<Program> load_rule_layers(const std::vector<std::string>& dirs, Diagnostics& diags,
                                        const std::vector<std::string>& display_as) {
  std::vector<RuleLayerTexts> layers;
  for (size_t i = 0; i < dirs.size(); ++i) {
    auto layer = read_layer(dirs[i], i < display_as.size() ? display_as[i] : "", diags);
    if (!layer) continue;
    // Unless its files name it: by its place, never by its directory.
    layer->name = i == 0 ? "rules" : fmt::format("laag {}", i + 1);
    layers.push_back(std::move(*layer));
  }
  if (diags.has_errors() || layers.empty()) return std::nullopt;
  return load_rule_layers_from_texts(layers, diags);
}

std::optional<Program> load_rule_set(const std::string& dir, Diagnostics& diags,
                                     const std::string& display_as) {
  return load_rule_layers({dir}, diags, {display_as});
}

}  // namespace koers
