#include "ast/ast_binary.h"

#include <cstring>
#include <type_traits>

namespace koers::ast {

namespace {

// Bumped whenever the layout below changes; part of every encoding.
constexpr uint32_t kLayoutVersion = 14;
// Expression trees deeper than this are refused on reading (the parser bounds real ones far lower).
constexpr int kMaxDepth = 20000;

// A tripwire: these sizes change when a field is added to the AST, and a field the layout below
// does not carry would silently vanish from every cached file. Whoever trips it adds the field to
// `io` below, bumps kLayoutVersion and updates the size here. (Sizes of x86-64 with libstdc++.)
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Expr) == 168 && sizeof(Template) == 88 && sizeof(Because) == 96);
static_assert(sizeof(TypeRef) == 72 && sizeof(Literal) == 88 && sizeof(EnumMember) == 96);
static_assert(sizeof(EnumDecl) == 88 && sizeof(FieldDecl) == 616 && sizeof(RecordDecl) == 112);
static_assert(sizeof(RecordDecl::OneOf) == 56 && sizeof(SourceDecl) == 192);
static_assert(sizeof(RecommendationDecl) == 160);
static_assert(sizeof(ParameterDecl) == 472 && sizeof(DefineDecl) == 144);
static_assert(sizeof(DecisionDecl) == 384 && sizeof(DecisionDecl::AlertLevel) == 152 &&
              sizeof(DecisionDecl::Requirement) == 192 && sizeof(DecisionDecl::Condition) == 128);
static_assert(sizeof(Conclusion) == 72 && sizeof(Recommendation) == 248 && sizeof(RuleDecl) == 440);
static_assert(sizeof(File) == 352 && sizeof(Template::Part) == 104 && sizeof(KindDecl) == 136 &&
              sizeof(ChartDecl) == 456 && sizeof(ChartDecl::Line) == 96 &&
              sizeof(ChartDecl::Marker) == 160 && sizeof(DefaultPolicyDecl) == 64 &&
              sizeof(TimelineDecl) == 56 && sizeof(LanguageDecl) == 64);
#endif

struct Invalid {};  // thrown inside the reader only, caught in decode_file

class Writer {
 public:
  static constexpr bool reading = false;
  explicit Writer(const SourceFile* source) : source_(source) {}

  template <typename T>
  requires std::is_integral_v<T> || std::is_enum_v<T>
  void scalar(T& value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  void text(std::string& value) {
    auto size = static_cast<uint32_t>(value.size());
    scalar(size);
    out_ += value;
  }
  void span(Span& value) {
    if (value.file && value.file.get() != source_) foreign_ = true;
    bool has_file = value.file != nullptr;
    scalar(has_file);
    scalar(value.line);
    scalar(value.col);
    scalar(value.length);
  }
  template <typename T, typename Each>
  void sequence(std::vector<T>& items, Each each) {
    auto size = static_cast<uint32_t>(items.size());
    scalar(size);
    for (auto& item : items) each(item);
  }
  template <typename T, typename Each>
  void optional(std::optional<T>& value, Each each) {
    bool present = value.has_value();
    scalar(present);
    if (present) each(*value);
  }
  template <typename T, typename Each>
  void pointer(std::unique_ptr<T>& value, Each each) {
    bool present = value != nullptr;
    scalar(present);
    if (present) each(*value);
  }
  void enter() {}
  void leave() {}

  bool foreign() const { return foreign_; }
  std::string take() { return std::move(out_); }

 private:
  const SourceFile* source_;
  std::string out_;
  bool foreign_ = false;
};

class Reader {
 public:
  static constexpr bool reading = true;
  Reader(std::string_view in, SourceFilePtr source) : in_(in), source_(std::move(source)) {}

  template <typename T>
  requires std::is_integral_v<T> || std::is_enum_v<T>
  void scalar(T& value) {
    need(sizeof(T));
    std::memcpy(&value, in_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    if constexpr (std::is_same_v<T, bool>) {
      if (static_cast<unsigned char>(in_[at_ - 1]) > 1) throw Invalid{};
    }
  }
  void text(std::string& value) {
    uint32_t size = 0;
    scalar(size);
    need(size);
    value.assign(in_.data() + at_, size);
    at_ += size;
  }
  void span(Span& value) {
    bool has_file = false;
    scalar(has_file);
    value.file = has_file ? source_ : nullptr;
    scalar(value.line);
    scalar(value.col);
    scalar(value.length);
  }
  template <typename T, typename Each>
  void sequence(std::vector<T>& items, Each each) {
    uint32_t size = 0;
    scalar(size);
    need(size);  // every item takes at least one byte: a corrupt count cannot allocate wildly
    items.clear();
    items.resize(size);
    for (auto& item : items) each(item);
  }
  template <typename T, typename Each>
  void optional(std::optional<T>& value, Each each) {
    bool present = false;
    scalar(present);
    value.reset();
    if (present) each(value.emplace());
  }
  template <typename T, typename Each>
  void pointer(std::unique_ptr<T>& value, Each each) {
    bool present = false;
    scalar(present);
    value.reset();
    if (present) {
      value = std::make_unique<T>();
      each(*value);
    }
  }
  void enter() {
    if (++depth_ > kMaxDepth) throw Invalid{};
  }
  void leave() { --depth_; }

  bool at_end() const { return at_ == in_.size(); }

 private:
  void need(size_t bytes) const {
    if (bytes > in_.size() - at_) throw Invalid{};
  }

  std::string_view in_;
  SourceFilePtr source_;
  size_t at_ = 0;
  int depth_ = 0;
};

// Enumerations are checked on reading: a corrupt byte must not become an enumerator that does not
// exist.
template <typename A, typename E>
void enumeration(A& a, E& value, E last) {
  a.scalar(value);
  if constexpr (A::reading) {
    using U = std::underlying_type_t<E>;
    if (static_cast<U>(value) < 0 || static_cast<U>(value) > static_cast<U>(last)) throw Invalid{};
  }
}

template <typename A>
void io(A& a, Expr& e);

template <typename A>
void io(A& a, ExprPtr& e) {
  a.pointer(e, [&](Expr& x) { io(a, x); });
}

template <typename A>
void io(A& a, Expr& e) {
  a.enter();
  enumeration(a, e.kind, ExprKind::duration);
  a.span(e.span);
  a.text(e.text);
  a.text(e.op);
  a.scalar(e.int_value);
  a.scalar(e.bool_value);
  a.scalar(e.negated);
  a.sequence(e.args, [&](ExprPtr& x) { io(a, x); });
  a.sequence(e.filters, [&](ExprPtr& x) { io(a, x); });
  a.leave();
}

template <typename A>
void io(A& a, Template& t) {
  a.span(t.span);
  a.text(t.raw);
  a.sequence(t.parts, [&](Template::Part& p) {
    a.text(p.text);
    io(a, p.expr);
    a.text(p.singular);
    a.text(p.plural);
  });
}

template <typename A>
void io(A& a, Because& b) {
  io(a, b.text);
  io(a, b.condition);
}

template <typename A>
void io(A& a, std::vector<Because>& items) {
  a.sequence(items, [&](Because& b) { io(a, b); });
}

template <typename A>
void io(A& a, TypeRef& t) {
  a.enter();
  a.span(t.span);
  a.text(t.name);
  a.pointer(t.element, [&](TypeRef& x) { io(a, x); });
  a.leave();
}

template <typename A>
void io(A& a, Literal& l) {
  a.span(l.span);
  enumeration(a, l.kind, Literal::Kind::name);
  a.scalar(l.int_value);
  a.scalar(l.bool_value);
  a.text(l.text);
}

template <typename A>
void io(A& a, EnumDecl& d) {
  a.span(d.span);
  a.text(d.name);
  a.sequence(d.members, [&](EnumMember& m) {
    a.span(m.span);
    a.text(m.name);
    a.text(m.label);
  });
}

template <typename A>
void io(A& a, FieldDecl& f) {
  a.span(f.span);
  a.text(f.name);
  io(a, f.type);
  a.scalar(f.required);
  a.scalar(f.nullable);
  a.optional(f.default_value, [&](Literal& l) { io(a, l); });
  a.optional(f.range, [&](std::pair<int64_t, int64_t>& r) {
    a.scalar(r.first);
    a.scalar(r.second);
  });
  a.optional(f.length, [&](int64_t& n) { a.scalar(n); });
  a.scalar(f.unique);
  a.text(f.unique_by);
  a.text(f.unique_in);
  a.scalar(f.dated);
  a.text(f.dated_by);
  a.text(f.not_before);
  a.text(f.sum_of);
  a.text(f.pattern);
  a.text(f.question);
  a.text(f.title);
  a.text(f.item_title);
  a.span(f.option_span);
}

template <typename A>
void io(A& a, RecordDecl& r) {
  a.span(r.span);
  a.text(r.name);
  a.sequence(r.fields, [&](FieldDecl& f) { io(a, f); });
  a.sequence(r.one_of, [&](RecordDecl::OneOf& o) {
    a.span(o.span);
    a.sequence(o.fields, [&](std::string& s) { a.text(s); });
  });
}

template <typename A>
void io(A& a, SourceDecl& s) {
  a.span(s.span);
  a.text(s.id);
  a.text(s.title);
  a.text(s.url);
  a.text(s.kind);
  a.span(s.kind_span);
}

template <typename A>
void io(A& a, RecommendationDecl& r) {
  a.span(r.span);
  a.text(r.kind);
  a.span(r.kind_span);
  a.text(r.id);
  a.text(r.label);
}

template <typename A>
void io(A& a, ParameterDecl& p) {
  a.span(p.span);
  a.text(p.id);
  io(a, p.type);
  a.text(p.title);
  a.text(p.unit);
  a.optional(p.range, [&](std::pair<int64_t, int64_t>& r) {
    a.scalar(r.first);
    a.scalar(r.second);
  });
  a.span(p.range_span);
  a.optional(p.default_value, [&](Literal& l) { io(a, l); });
  a.text(p.source);
  a.span(p.source_span);
  a.text(p.note);
  a.sequence(p.duplicates, [&](std::pair<std::string, Span>& d) {
    a.text(d.first);
    a.span(d.second);
  });
}

template <typename A>
void io(A& a, DefineDecl& d) {
  a.span(d.span);
  a.text(d.name);
  io(a, d.type);
  io(a, d.value);
}

template <typename A>
void io(A& a, DecisionDecl& d) {
  a.span(d.span);
  a.text(d.name);
  io(a, d.type);
  a.text(d.title);
  a.optional(d.settle, [&](SettleMode& m) { enumeration(a, m, SettleMode::collect); });
  a.span(d.settle_span);
  io(a, d.applies_when);
  io(a, d.not_applicable_because);
  a.sequence(d.requirements, [&](DecisionDecl::Requirement& r) {
    a.span(r.span);
    io(a, r.condition);
    a.text(r.missing_field);
    a.span(r.missing_field_span);
    io(a, r.note);
  });
  io(a, d.otherwise);
  io(a, d.otherwise_because);
  a.scalar(d.otherwise_count);
  a.scalar(d.show_candidates);
  a.sequence(d.conditions, [&](DecisionDecl::Condition& c) {
    a.span(c.span);
    a.text(c.id);
    a.text(c.label);
    io(a, c.when);
    io(a, c.because);
  });
  a.sequence(d.alert, [&](DecisionDecl::AlertLevel& l) {
    io(a, l.value);
    a.text(l.severity);
    a.span(l.severity_span);
  });
  a.span(d.alert_span);
}

template <typename A>
void io(A& a, RuleDecl& r) {
  a.span(r.span);
  a.text(r.id);
  a.text(r.title);
  a.text(r.source);
  a.span(r.source_span);
  a.optional(r.priority, [&](int64_t& p) { a.scalar(p); });
  a.span(r.priority_span);
  io(a, r.when);
  a.scalar(r.when_count);
  a.sequence(r.unless, [&](ExprPtr& e) { io(a, e); });
  a.sequence(r.conclusions, [&](Conclusion& c) {
    a.span(c.span);
    a.text(c.decision);
    io(a, c.value);
  });
  a.sequence(r.recommendations, [&](Recommendation& m) {
    a.span(m.span);
    a.text(m.kind);
    a.span(m.kind_span);
    a.text(m.id);
    a.span(m.id_span);
    io(a, m.text);
  });
  io(a, r.because);
  io(a, r.against);
  a.sequence(r.duplicates, [&](std::pair<std::string, Span>& d) {
    a.text(d.first);
    a.span(d.second);
  });
  a.optional(r.overrides_reason, [&](std::string& reason) { a.text(reason); });
  a.span(r.overrides_span);
}

template <typename A>
void io(A& a, File& f) {
  uint32_t version = kLayoutVersion;
  a.scalar(version);
  if (version != kLayoutVersion) throw Invalid{};
  a.sequence(f.enums, [&](EnumDecl& d) { io(a, d); });
  a.sequence(f.records, [&](RecordDecl& d) { io(a, d); });
  a.sequence(f.sources, [&](SourceDecl& d) { io(a, d); });
  a.sequence(f.recommendations, [&](RecommendationDecl& d) { io(a, d); });
  a.sequence(f.kinds, [&](KindDecl& d) {
    a.span(d.span);
    a.text(d.id);
    a.text(d.label);
    a.text(d.heading);
    a.scalar(d.urgent);
  });
  a.sequence(f.charts, [&](ChartDecl& c) {
    a.span(c.span);
    a.text(c.name);
    a.text(c.title);
    a.text(c.note);
    a.text(c.series);
    a.span(c.series_span);
    a.optional(c.range, [&](std::pair<int64_t, int64_t>& r) {
      a.scalar(r.first);
      a.scalar(r.second);
    });
    a.span(c.range_span);
    a.text(c.window);
    a.text(c.window_label);
    a.span(c.window_span);
    a.sequence(c.lines, [&](ChartDecl::Line& l) {
      a.span(l.span);
      a.text(l.parameter);
      a.text(l.label);
    });
    a.sequence(c.markers, [&](ChartDecl::Marker& m) {
      a.span(m.span);
      a.text(m.list);
      a.text(m.label);
      a.text(m.by);
      a.span(m.by_span);
    });
    a.text(c.decision);
    a.span(c.decision_span);
  });
  a.sequence(f.default_policies, [&](DefaultPolicyDecl& d) {
    a.span(d.span);
    a.text(d.path);
  });
  a.sequence(f.timelines, [&](TimelineDecl& d) {
    a.span(d.span);
    a.sequence(d.from, [&](std::pair<std::string, Span>& p) {
      a.text(p.first);
      a.span(p.second);
    });
  });
  a.sequence(f.layers, [&](LayerDecl& d) {
    a.span(d.span);
    a.text(d.name);
  });
  a.sequence(f.languages, [&](LanguageDecl& d) {
    a.span(d.span);
    a.text(d.code);
  });
  a.sequence(f.parameters, [&](ParameterDecl& d) { io(a, d); });
  a.sequence(f.defines, [&](DefineDecl& d) { io(a, d); });
  a.sequence(f.decisions, [&](DecisionDecl& d) { io(a, d); });
  a.sequence(f.rules, [&](RuleDecl& d) { io(a, d); });
}

}  // namespace

std::optional<std::string> encode_file(const File& file) {
  Writer writer(file.source.get());
  // The writer only reads through these references; `io` takes them mutable to serve the reader
  // too.
  io(writer, const_cast<File&>(file));
  if (writer.foreign()) return std::nullopt;
  return writer.take();
}

std::optional<File> decode_file(std::string_view bytes, const SourceFilePtr& source) {
  Reader reader(bytes, source);
  File file;
  file.source = source;
  try {
    io(reader, file);
  } catch (const Invalid&) {
    return std::nullopt;
  } catch (const std::bad_alloc&) {
    return std::nullopt;
  }
  if (!reader.at_end()) return std::nullopt;
  return file;
}

}  // namespace koers::ast
