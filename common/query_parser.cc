#include "common/query_parser.h"

#include <cstdio>
#include <utility>

#include "common/error.h"
#include "common/utf8.h"

namespace sousuo {
namespace {

using NodePtr = std::unique_ptr<QueryNode>;

bool IsOpen(char32_t c) {
  return c == '(' || c == 0xFF08;
}
bool IsClose(char32_t c) {
  return c == ')' || c == 0xFF09;
}

// The character that closes a phrase opened by `c`, or 0 if `c` opens none.
char32_t PhraseCloser(char32_t c) {
  if (c == '"' || c == 0xFF02)
    return c;
  if (c == 0x201C)
    return 0x201D;
  return 0;
}

// Characters that end a word: spaces, parentheses and phrase openers.
bool EndsWord(char32_t c) {
  return IsSpace(c) || IsOpen(c) || IsClose(c) || PhraseCloser(c) != 0;
}

// A value of the query quoted in an error message: control characters
// (C0, DEL, C1: a terminal would obey ESC) shown as U+FFFD, and cut after
// kMaxEchoChars characters with "...", so the message stays one short line.
std::string Echo(std::string_view value) {
  constexpr size_t kMaxEchoChars = 40;
  std::string out;
  size_t chars = 0;
  for (size_t pos = 0; pos < value.size(); ++chars) {
    if (chars == kMaxEchoChars)
      return out + "...";
    const char32_t c = DecodeUtf8(value, &pos);
    AppendUtf8(c < 0x20 || (c >= 0x7F && c < 0xA0) ? kReplacement : c, &out);
  }
  return out;
}

NodePtr MakeNode(QueryNodeKind kind, size_t offset) {
  auto node = std::make_unique<QueryNode>();
  node->kind = kind;
  node->offset = offset;
  return node;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}
  NodePtr Parse();

 private:
  NodePtr ParseOr();
  NodePtr ParseAnd();
  NodePtr ParseUnary();
  NodePtr ParsePrimary();
  NodePtr ParseGroup();
  NodePtr ParsePhrase(QueryNodeKind kind);
  NodePtr ParseWord();
  NodePtr ParseField(const std::string& name, size_t start);
  NodePtr ParseTitle(size_t start);
  NodePtr ParseLang(size_t start);
  NodePtr ParseSource(size_t start);
  NodePtr ParseDate(size_t start);

  // Lexing.
  char32_t Peek() const;  // the code point at pos_, 0 at the end
  void Advance();         // past the code point at pos_
  void SkipSpace();
  bool AtEnd() const { return pos_ >= text_.size(); }
  bool AtClose() const { return !AtEnd() && IsClose(Peek()); }
  bool AtOperator(std::string_view op) const;
  bool AtOperand() const;  // something that can start a unary
  bool AtDash() const;     // a '-' that negates what follows it
  std::string_view ReadUntil(bool (*stop)(char32_t));

  void Enter(size_t offset);  // one nesting level deeper
  void Leave() { --depth_; }
  NodePtr Leaf(QueryNodeKind kind, size_t offset);
  [[noreturn]] void Fail(const std::string& before, size_t offset,
                         const std::string& after = "") const;

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
  size_t leaves_ = 0;
  bool title_ = false;  // inside title:
};

NodePtr Parser::Parse() {
  size_t bad = FindInvalidUtf8(text_);
  if (bad != std::string_view::npos) {
    throw QueryError("query: invalid UTF-8 at byte " + std::to_string(bad + 1));
  }
  SkipSpace();
  if (AtEnd())
    throw QueryError("query: empty query");
  NodePtr node = ParseOr();
  SkipSpace();
  if (!AtEnd())
    Fail("unexpected ')' at column ", pos_);
  return node;
}

// or := and (OR and)*
NodePtr Parser::ParseOr() {
  SkipSpace();
  if (AtOperator("OR"))
    Fail("OR at column ", pos_, " needs a query on both sides");
  NodePtr first = ParseAnd();
  if (!first)
    return nullptr;
  std::vector<NodePtr> items;
  items.push_back(std::move(first));
  while (AtOperator("OR")) {
    size_t op = pos_;
    pos_ += 2;
    SkipSpace();
    if (!AtOperand())
      Fail("OR at column ", op, " needs a query on both sides");
    items.push_back(ParseAnd());
  }
  if (items.size() == 1)
    return std::move(items[0]);
  NodePtr node = MakeNode(QueryNodeKind::kOr, items[0]->offset);
  node->children = std::move(items);
  return node;
}

// and := unary (AND? unary)*; the runs joined by juxtaposition become
// implicit AND nodes, the runs joined by AND children of an explicit one.
NodePtr Parser::ParseAnd() {
  std::vector<NodePtr> segments;
  std::vector<NodePtr> run;
  auto close_run = [&] {
    if (run.size() == 1) {
      segments.push_back(std::move(run[0]));
    } else {
      NodePtr node = MakeNode(QueryNodeKind::kAnd, run[0]->offset);
      node->implicit = true;
      node->children = std::move(run);
      segments.push_back(std::move(node));
    }
    run.clear();
  };
  for (SkipSpace(); !AtEnd() && !AtClose() && !AtOperator("OR"); SkipSpace()) {
    if (AtOperator("AND")) {
      size_t op = pos_;
      pos_ += 3;
      SkipSpace();
      if (run.empty() || !AtOperand()) {
        Fail("AND at column ", op, " needs a query on both sides");
      }
      close_run();
      continue;
    }
    run.push_back(ParseUnary());
  }
  if (run.empty())
    return nullptr;
  close_run();
  if (segments.size() == 1)
    return std::move(segments[0]);
  NodePtr node = MakeNode(QueryNodeKind::kAnd, segments[0]->offset);
  node->children = std::move(segments);
  return node;
}

// unary := NOT unary | '-' primary | primary
NodePtr Parser::ParseUnary() {
  size_t start = pos_;
  bool keyword = AtOperator("NOT");
  if (!keyword && !AtDash())
    return ParsePrimary();
  if (keyword) {
    pos_ += 3;
    SkipSpace();
    if (!AtOperand())
      Fail("NOT at column ", start, " needs a query after it");
  } else {
    pos_ += 1;  // AtDash() saw an operand right after the '-'
  }
  Enter(start);
  NodePtr node = MakeNode(QueryNodeKind::kNot, start);
  node->children.push_back(keyword ? ParseUnary() : ParsePrimary());
  Leave();
  return node;
}

NodePtr Parser::ParsePrimary() {
  char32_t c = Peek();
  if (IsOpen(c))
    return ParseGroup();
  if (PhraseCloser(c) != 0)
    return ParsePhrase(QueryNodeKind::kPhrase);
  return ParseWord();
}

NodePtr Parser::ParseGroup() {
  size_t open = pos_;
  Enter(open);
  Advance();
  SkipSpace();
  if (AtClose()) {
    // "()" carries nothing: pasted Chinese text often has an empty （）.
    Advance();
    Leave();
    return Leaf(QueryNodeKind::kWord, open);
  }
  NodePtr node = ParseOr();
  SkipSpace();
  if (AtEnd())
    Fail("unbalanced '(' at column ", open);
  Advance();  // the ')'
  Leave();
  return node;
}

// A quoted phrase, or the quoted value of source:.
NodePtr Parser::ParsePhrase(QueryNodeKind kind) {
  size_t open = pos_;
  char32_t closer = PhraseCloser(Peek());
  Advance();
  size_t begin = pos_;
  while (!AtEnd() && Peek() != closer) Advance();
  if (AtEnd())
    Fail("unterminated phrase starting at column ", open);
  NodePtr node = Leaf(kind, open);
  node->text = std::string(text_.substr(begin, pos_ - begin));
  Advance();  // the closing quote
  return node;
}

// The field a word starts with: two or more ASCII letters and a colon, ':'
// or the full-width '：' a Chinese keyboard types. Sets *name (lower case)
// and *value (the byte offset in `word` after the colon); false otherwise.
bool FieldShape(std::string_view word, std::string* name, size_t* value, bool* ascii) {
  size_t letters = 0;
  while (letters < word.size() && IsAsciiLetter(word[letters])) ++letters;
  if (letters < 2)
    return false;
  constexpr std::string_view kWideColon = "\uFF1A";
  const std::string_view rest = word.substr(letters);
  *ascii = !rest.empty() && rest[0] == ':';
  if (!*ascii && rest.substr(0, kWideColon.size()) != kWideColon)
    return false;
  *name = AsciiLower(word.substr(0, letters));
  *value = letters + (*ascii ? 1 : kWideColon.size());
  return true;
}

bool IsField(const std::string& name) {
  return name == "title" || name == "lang" || name == "source" || name == "date";
}

NodePtr Parser::ParseWord() {
  size_t start = pos_;
  std::string_view word = ReadUntil(EndsWord);
  std::string name;
  size_t value = 0;
  bool ascii = false;
  if (FieldShape(word, &name, &value, &ascii)) {
    if (IsField(name)) {
      pos_ = start + value;
      return ParseField(name, start);
    }
    // An unknown name before ':' with a value right after it is a field
    // typed wrong. Not a URL ("http://"), nor text before a space ("Note:
    // this"), nor before a full-width colon, which Chinese text has.
    const size_t after = start + value;
    if (ascii && after < text_.size()) {
      size_t next_pos = after;
      const char32_t next = DecodeUtf8(text_, &next_pos);
      if (!IsSpace(next) && !IsClose(next) && next != '/') {
        Fail("unknown field '" + Echo(word.substr(0, value - 1)) + ":' at column ", start,
             " (use title:, lang:, source: or date:, or quote the word)");
      }
    }
  }
  size_t stem_end = word.find_last_not_of('*');
  if (stem_end == word.size() - 1) {
    NodePtr node = Leaf(QueryNodeKind::kWord, start);
    node->text = std::string(word);
    return node;
  }
  if (stem_end == std::string_view::npos) {
    Fail("'*' at column ", start, " needs a prefix before it");
  }
  NodePtr node = Leaf(QueryNodeKind::kPrefix, start);
  node->text = std::string(word.substr(0, stem_end + 1));
  return node;
}

NodePtr Parser::ParseField(const std::string& name, size_t start) {
  if (AtEnd() || IsSpace(Peek()) || AtClose()) {
    Fail("missing value after '" + name + ":' at column ", start);
  }
  if (name == "title")
    return ParseTitle(start);
  if (IsOpen(Peek())) {
    Fail("'" + name + ":' at column ", start,
         " takes a single value, not a group");
  }
  if (name == "lang")
    return ParseLang(start);
  if (name == "source")
    return ParseSource(start);
  return ParseDate(start);
}

NodePtr Parser::ParseTitle(size_t start) {
  Enter(start);
  bool outer = title_;
  title_ = true;
  NodePtr node = ParsePrimary();
  title_ = outer;
  Leave();
  return node;
}

NodePtr Parser::ParseLang(size_t start) {
  size_t value_start = pos_;
  std::string_view value =
      ReadUntil([](char32_t c) { return IsSpace(c) || IsClose(c); });
  const std::string lang = AsciiLower(value);
  if (lang != "en" && lang != "zh" && lang != "mixed" && lang != "und") {
    Fail("unknown language '" + Echo(value) + "' at column ",
         value_start, " (use en, zh, mixed or und)");
  }
  NodePtr node = Leaf(QueryNodeKind::kLang, start);
  node->text = lang;
  return node;
}

NodePtr Parser::ParseSource(size_t start) {
  if (PhraseCloser(Peek()) != 0) {
    NodePtr node = ParsePhrase(QueryNodeKind::kSource);
    node->offset = start;
    node->quoted = true;
    return node;
  }
  NodePtr node = Leaf(QueryNodeKind::kSource, start);
  node->text = std::string(ReadUntil(EndsWord));
  return node;
}

bool IsAsciiDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string Yyyymmdd(int year, int month, int day) {
  char buf[40];  // room for any int, so the compiler can prove no truncation
  snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into the first and the last day
// of the period it names, as "YYYYMMDD". False if `s` is not a valid date.
bool ParseDatePeriod(std::string_view s, std::string* first,
                     std::string* last) {
  bool shape =
      (s.size() == 4 || s.size() == 7 || s.size() == 10) &&
      IsAsciiDigits(s.substr(0, 4)) &&
      (s.size() < 7 || (s[4] == '-' && IsAsciiDigits(s.substr(5, 2)))) &&
      (s.size() < 10 || (s[7] == '-' && IsAsciiDigits(s.substr(8, 2))));
  if (!shape)
    return false;
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = s.size() >= 7 ? std::stoi(std::string(s.substr(5, 2))) : 0;
  int day = s.size() == 10 ? std::stoi(std::string(s.substr(8, 2))) : 0;
  if (year < 1 || (s.size() >= 7 && (month < 1 || month > 12)))
    return false;
  if (s.size() == 10 && (day < 1 || day > DaysInMonth(year, month)))
    return false;
  *first = Yyyymmdd(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
  int last_month = month == 0 ? 12 : month;
  *last = Yyyymmdd(year, last_month,
                   day == 0 ? DaysInMonth(year, last_month) : day);
  return true;
}

NodePtr Parser::ParseDate(size_t start) {
  size_t value_start = pos_;
  std::string value(
      ReadUntil([](char32_t c) { return IsSpace(c) || IsClose(c); }));
  NodePtr node = Leaf(QueryNodeKind::kDate, start);
  size_t dots = value.find("..");
  std::string unused;
  if (dots == std::string::npos) {
    if (!ParseDatePeriod(value, &node->date_from, &node->date_to)) {
      Fail("invalid date '" + Echo(value) + "' at column ", value_start);
    }
    return node;
  }
  std::string from = value.substr(0, dots);
  std::string to = value.substr(dots + 2);
  if (from.empty() && to.empty()) {
    Fail("invalid date '" + Echo(value) + "' at column ", value_start);
  }
  if (!from.empty() && !ParseDatePeriod(from, &node->date_from, &unused)) {
    Fail("invalid date '" + Echo(from) + "' at column ", value_start);
  }
  if (!to.empty() && !ParseDatePeriod(to, &unused, &node->date_to)) {
    Fail("invalid date '" + Echo(to) + "' at column ", value_start + dots + 2);
  }
  if (!from.empty() && !to.empty() && node->date_from > node->date_to) {
    Fail("date range '" + Echo(value) + "' at column ", value_start,
         " ends before it starts");
  }
  return node;
}

char32_t Parser::Peek() const {
  if (AtEnd())
    return 0;
  size_t pos = pos_;
  return DecodeUtf8(text_, &pos);
}

void Parser::Advance() {
  if (!AtEnd())
    DecodeUtf8(text_, &pos_);
}

void Parser::SkipSpace() {
  while (!AtEnd() && IsSpace(Peek())) Advance();
}

bool Parser::AtOperator(std::string_view op) const {
  if (text_.substr(pos_, op.size()) != op)
    return false;
  size_t after = pos_ + op.size();
  return after >= text_.size() || EndsWord(DecodeUtf8(text_, &after));
}

bool Parser::AtOperand() const {
  return !AtEnd() && !AtClose() && !AtOperator("OR") && !AtOperator("AND");
}

bool Parser::AtDash() const {
  if (Peek() != '-' || pos_ + 1 >= text_.size())
    return false;
  size_t next = pos_ + 1;
  char32_t c = DecodeUtf8(text_, &next);
  return !IsSpace(c) && !IsClose(c);
}

std::string_view Parser::ReadUntil(bool (*stop)(char32_t)) {
  size_t begin = pos_;
  while (!AtEnd() && !stop(Peek())) Advance();
  return text_.substr(begin, pos_ - begin);
}

void Parser::Enter(size_t offset) {
  if (++depth_ > kMaxQueryDepth) {
    Fail("nesting deeper than " + std::to_string(kMaxQueryDepth) +
             " levels at column ",
         offset);
  }
}

NodePtr Parser::Leaf(QueryNodeKind kind, size_t offset) {
  if (++leaves_ > kMaxQueryTerms) {
    throw QueryError("query: more than " + std::to_string(kMaxQueryTerms) +
                     " terms");
  }
  NodePtr node = MakeNode(kind, offset);
  node->title = title_;
  return node;
}

void Parser::Fail(const std::string& before, size_t offset,
                  const std::string& after) const {
  throw QueryError("query: " + before +
                   std::to_string(QueryColumn(text_, offset)) + after);
}

std::string Join(const QueryNode& node, const char* separator) {
  std::string out;
  for (const NodePtr& child : node.children) {
    if (!out.empty())
      out += separator;
    out += DumpQuery(*child);
  }
  return out;
}

}  // namespace

std::unique_ptr<QueryNode> ParseQuery(std::string_view text) {
  return Parser(text).Parse();
}

std::string DumpQuery(const QueryNode& node) {
  std::string field = node.title ? "title:" : "";
  switch (node.kind) {
    case QueryNodeKind::kWord:
      return field + node.text;
    case QueryNodeKind::kPhrase:
      return field + '"' + node.text + '"';
    case QueryNodeKind::kPrefix:
      return field + node.text + '*';
    case QueryNodeKind::kLang:
      return "lang:" + node.text;
    case QueryNodeKind::kSource:
      return node.quoted ? "source:\"" + node.text + '"'
                         : "source:" + node.text;
    case QueryNodeKind::kDate:
      return "date:" + node.date_from + ".." + node.date_to;
    case QueryNodeKind::kAnd:
      return node.implicit ? "(" + Join(node, " ") + ")"
                           : "AND(" + Join(node, ", ") + ")";
    case QueryNodeKind::kOr:
      return "OR(" + Join(node, ", ") + ")";
    case QueryNodeKind::kNot:
      return "NOT(" + Join(node, ", ") + ")";
  }
  return "";
}

size_t QueryColumn(std::string_view text, size_t offset) {
  return CountChars(text.substr(0, offset)) + 1;
}

}  // namespace sousuo
