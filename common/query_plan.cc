#include "common/query_plan.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "common/error.h"
#include "common/query_parser.h"
#include "common/stop_words.h"

namespace sousuo {
namespace {

using Node = std::unique_ptr<PlanNode>;
using Query = Xapian::Query;

// A word token (kWord, kNumber, kHanWord) with the kHanChar tokens after it.
struct TokenWord {
  const Token* token;
  std::vector<const Token*> chars;
};

std::vector<TokenWord> GroupWords(const std::vector<Token>& tokens) {
  std::vector<TokenWord> words;
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::kHanChar) {
      words.push_back(TokenWord{&token, {}});
    } else if (!words.empty()) {
      words.back().chars.push_back(&token);
    }
  }
  return words;
}

bool IsSingleChar(const TokenWord& word) {
  return word.token->kind == TokenKind::kHanWord && word.chars.size() == 1;
}

// A single Han character that may be glued to its neighbours: not a
// function character (的, 是, 对 ...), which stands between words, not in
// names.
bool Gluable(const TokenWord& word) {
  return IsSingleChar(word) && !IsChineseStopWord(word.token->text);
}

// The terms that carry positions, in order: exact words and Han characters.
std::vector<std::string> PositionalTerms(const std::vector<Token>& tokens, Field field) {
  std::vector<std::string> terms;
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kHanChar) {
      terms.push_back(HanCharTerm(field, token.text));
    } else if (token.kind != TokenKind::kHanWord) {
      terms.push_back(WordTerm(field, token.text));
    }
  }
  return terms;
}

PlanWord MakeWord(const TokenWord& word, std::string_view text) {
  const Token& token = *word.token;
  PlanWord out;
  out.text = token.text;
  out.typed = std::string(text.substr(token.begin, token.end - token.begin));
  switch (token.kind) {
    case TokenKind::kNumber:
      out.kind = PlanWord::Kind::kNumber;
      out.meaningful = true;
      break;
    case TokenKind::kHanWord:
      out.kind = PlanWord::Kind::kHan;
      for (const Token* c : word.chars) out.chars.push_back(c->text);
      out.function = IsChineseStopWord(token.text);
      out.meaningful = !out.function && out.chars.size() >= 2;
      break;
    default:
      out.kind = PlanWord::Kind::kWord;
      out.stem = token.stem;
      out.function = IsQuestionStopWord(token.text);
      out.meaningful = !IsStopWord(token.text);
      break;
  }
  return out;
}

// The words of a chunk's tokens, with runs of gluable single characters
// that touch in the text joined into one kGlued word.
std::vector<PlanWord> ChunkWords(const std::vector<Token>& tokens, std::string_view text) {
  const std::vector<TokenWord> words = GroupWords(tokens);
  std::vector<PlanWord> out;
  for (size_t i = 0; i < words.size();) {
    size_t end = i + 1;
    while (Gluable(words[i]) && end < words.size() && Gluable(words[end]) &&
           words[end - 1].token->end == words[end].token->begin) {
      ++end;
    }
    if (end - i < 2) {
      out.push_back(MakeWord(words[i], text));
      i = end;
      continue;
    }
    PlanWord glued;
    glued.kind = PlanWord::Kind::kGlued;
    glued.meaningful = true;
    const uint32_t begin = words[i].token->begin;
    const uint32_t finish = words[end - 1].token->end;
    glued.typed = std::string(text.substr(begin, finish - begin));
    for (; i < end; ++i) {
      glued.text += words[i].token->text;
      glued.chars.push_back(words[i].chars[0]->text);
    }
    out.push_back(std::move(glued));
  }
  return out;
}

bool IsStop(const PlanWord& word) {
  return word.kind == PlanWord::Kind::kWord && IsStopWord(word.text);
}

// The key under which a word typed twice side by side is counted.
std::string RepeatKey(const PlanWord& word, Field field) {
  return std::string(FieldPrefix(field)) + (word.kind == PlanWord::Kind::kGlued ? "\x01" : "") +
         word.text;
}

// Adds the chunks and phrases of `node` to plan->parts and its negated
// parts to plan->negated; false if it has anything else (see
// QueryPlan::plain).
bool CollectPlainParts(const PlanNode& node, QueryPlan* plan) {
  switch (node.kind) {
    case PlanNode::Kind::kChunk:
    case PlanNode::Kind::kPhrase:
      plan->parts.push_back(&node);
      return node.field == Field::kAll;
    case PlanNode::Kind::kNot:
      plan->negated.push_back(node.children[0].get());
      return true;
    case PlanNode::Kind::kAnd:
      return node.implicit &&
             std::all_of(node.children.begin(), node.children.end(),
                         [plan](const Node& child) { return CollectPlainParts(*child, plan); });
    default:
      return false;
  }
}

class Planner {
 public:
  Planner(std::string_view text, Analyzer* analyzer) : text_(text), analyzer_(analyzer) {}

  QueryPlan Make(const QueryNode& root);

 private:
  Node Plan(const QueryNode& node);
  Node PlanAnd(const QueryNode& node);
  Node PlanChunk(const QueryNode& node);
  Node PlanPhrase(const QueryNode& node);
  Node PlanPrefix(const QueryNode& node);
  Node PlanSource(const QueryNode& node);
  static Node PlanDate(const QueryNode& node);
  const std::vector<Token>& Tokens(const QueryNode& node);
  // True if the positive part of `node` has a word other than a stop word
  // (phrases and prefixes count as such words).
  bool HasNonStopWord(const QueryNode& node);
  // Marks the repeats of the words of `chunks` (one run) and counts them.
  static void CountRun(const std::vector<PlanNode*>& chunks);

  std::string_view text_;
  Analyzer* analyzer_;
  bool drop_stop_words_ = false;
  bool in_run_ = false;  // planning a chunk of an implicit AND's run
  std::unordered_map<const QueryNode*, std::vector<Token>> tokens_;
  size_t token_count_ = 0;
};

QueryPlan Planner::Make(const QueryNode& root) {
  drop_stop_words_ = HasNonStopWord(root);
  QueryPlan plan;
  plan.root = Plan(root);
  if (!plan.root)
    throw QueryError("query: nothing to search for");
  plan.plain = CollectPlainParts(*plan.root, &plan);
  if (!plan.plain || plan.parts.empty()) {
    plan.plain = false;
    plan.parts.clear();
    plan.negated.clear();
  }
  return plan;
}

Node Planner::Plan(const QueryNode& node) {
  switch (node.kind) {
    case QueryNodeKind::kWord: {
      Node chunk = PlanChunk(node);
      if (chunk && !in_run_)
        CountRun({chunk.get()});  // a run of its own
      return chunk;
    }
    case QueryNodeKind::kPhrase:
      return PlanPhrase(node);
    case QueryNodeKind::kPrefix:
      return PlanPrefix(node);
    case QueryNodeKind::kLang: {
      Node out = std::make_unique<PlanNode>();
      out->kind = PlanNode::Kind::kFilter;
      out->filter = Query(LangTerm(node.text));
      out->description = "lang:" + node.text;
      return out;
    }
    case QueryNodeKind::kSource:
      return PlanSource(node);
    case QueryNodeKind::kDate:
      return PlanDate(node);
    case QueryNodeKind::kAnd:
    case QueryNodeKind::kOr:
      return PlanAnd(node);
    case QueryNodeKind::kNot: {
      Node child = Plan(*node.children[0]);
      if (!child)
        return nullptr;
      Node out = std::make_unique<PlanNode>();
      out->kind = PlanNode::Kind::kNot;
      out->children.push_back(std::move(child));
      return out;
    }
  }
  return nullptr;
}

// AND and OR nodes: children that analyse to nothing drop out. Consecutive
// chunks of an implicit AND form one run of words typed side by side.
Node Planner::PlanAnd(const QueryNode& node) {
  Node out = std::make_unique<PlanNode>();
  out->kind = node.kind == QueryNodeKind::kOr ? PlanNode::Kind::kOr : PlanNode::Kind::kAnd;
  out->implicit = node.implicit;
  std::vector<PlanNode*> run;
  for (const auto& child : node.children) {
    const bool chunk = node.implicit && child->kind == QueryNodeKind::kWord;
    in_run_ = chunk;
    Node planned = Plan(*child);
    in_run_ = false;
    if (!chunk) {
      CountRun(run);
      run.clear();
    }
    if (!planned)
      continue;
    if (chunk)
      run.push_back(planned.get());
    out->children.push_back(std::move(planned));
  }
  CountRun(run);
  if (out->children.empty())
    return nullptr;
  if (out->children.size() == 1)
    return std::move(out->children[0]);
  return out;
}

void Planner::CountRun(const std::vector<PlanNode*>& chunks) {
  std::unordered_map<std::string, PlanWord*> first;
  for (PlanNode* chunk : chunks) {
    for (PlanWord& word : chunk->words) {
      if (word.dropped)
        continue;
      auto [it, fresh] = first.emplace(RepeatKey(word, chunk->field), &word);
      if (!fresh) {
        word.repeat = true;
        ++it->second->wqf;
      }
    }
  }
}

Node Planner::PlanChunk(const QueryNode& node) {
  const std::vector<Token>& tokens = Tokens(node);
  Node out = std::make_unique<PlanNode>();
  out->kind = PlanNode::Kind::kChunk;
  out->field = node.title ? Field::kTitle : Field::kAll;
  out->words = ChunkWords(tokens, node.text);
  for (PlanWord& word : out->words) word.dropped = drop_stop_words_ && IsStop(word);
  if (std::all_of(out->words.begin(), out->words.end(),
                  [](const PlanWord& word) { return word.dropped; })) {
    return nullptr;
  }
  out->positional = PositionalTerms(tokens, out->field);
  out->positional_all = PositionalTerms(tokens, Field::kAll);
  return out;
}

Node Planner::PlanPhrase(const QueryNode& node) {
  const std::vector<Token>& tokens = Tokens(node);
  Node out = std::make_unique<PlanNode>();
  out->kind = PlanNode::Kind::kPhrase;
  out->field = node.title ? Field::kTitle : Field::kAll;
  out->positional = PositionalTerms(tokens, out->field);
  if (out->positional.empty())
    return nullptr;
  out->positional_all = PositionalTerms(tokens, Field::kAll);
  return out;
}

Node Planner::PlanPrefix(const QueryNode& node) {
  std::string folded = analyzer_->Normalize(node.text);
  if (folded.empty())
    return nullptr;
  Node out = std::make_unique<PlanNode>();
  out->kind = PlanNode::Kind::kPrefix;
  out->field = node.title ? Field::kTitle : Field::kAll;
  out->prefix = std::move(folded);
  return out;
}

Node Planner::PlanSource(const QueryNode& node) {
  std::vector<Query> terms;
  std::string words;
  for (const Token& token : Tokens(node)) {
    if (token.kind != TokenKind::kHanChar) {
      terms.emplace_back(SourceTerm(token.text));
      words += (words.empty() ? "" : " ") + token.text;
    }
  }
  if (terms.empty()) {
    throw QueryError("query: no words in source at column " +
                     std::to_string(QueryColumn(text_, node.offset)));
  }
  Node out = std::make_unique<PlanNode>();
  out->kind = PlanNode::Kind::kFilter;
  out->filter = terms.size() == 1 ? terms[0] : Query(Query::OP_AND, terms.begin(), terms.end());
  out->description = terms.size() == 1 ? "source:" + words : "source:\"" + words + "\"";
  return out;
}

// "YYYYMMDD" as "YYYY-MM-DD".
std::string DashedDate(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8)
    return yyyymmdd;
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

Node Planner::PlanDate(const QueryNode& node) {
  Node out = std::make_unique<PlanNode>();
  out->kind = PlanNode::Kind::kFilter;
  if (node.date_from.empty()) {
    out->filter = Query(Query::OP_VALUE_LE, kSlotDate, node.date_to);
  } else if (node.date_to.empty()) {
    out->filter = Query(Query::OP_VALUE_GE, kSlotDate, node.date_from);
  } else {
    out->filter = Query(Query::OP_VALUE_RANGE, kSlotDate, node.date_from, node.date_to);
  }
  out->description =
      "date:" + DashedDate(node.date_from) + ".." + DashedDate(node.date_to);
  return out;
}

const std::vector<Token>& Planner::Tokens(const QueryNode& node) {
  auto found = tokens_.find(&node);
  if (found != tokens_.end())
    return found->second;
  std::vector<Token> tokens = analyzer_->Analyze(node.text);
  token_count_ += tokens.size();
  if (token_count_ > kMaxQueryTerms) {
    throw QueryError("query: more than " + std::to_string(kMaxQueryTerms) + " terms");
  }
  return tokens_.emplace(&node, std::move(tokens)).first->second;
}

bool Planner::HasNonStopWord(const QueryNode& node) {
  switch (node.kind) {
    case QueryNodeKind::kWord: {
      const std::vector<TokenWord> words = GroupWords(Tokens(node));
      return std::any_of(words.begin(), words.end(), [](const TokenWord& word) {
        return word.token->kind != TokenKind::kWord || !IsStopWord(word.token->text);
      });
    }
    case QueryNodeKind::kPhrase:
      return !Tokens(node).empty();
    case QueryNodeKind::kPrefix:
      return true;
    case QueryNodeKind::kAnd:
    case QueryNodeKind::kOr:
      return std::any_of(node.children.begin(), node.children.end(),
                         [this](const auto& child) { return HasNonStopWord(*child); });
    default:  // filters, and negated parts, which are not searched for
      return false;
  }
}

// ---- Describing ---------------------------------------------------------

std::string Describe(const PlanNode& node, bool nested);

std::string DescribeWords(const PlanNode& node) {
  std::string out;
  for (const PlanWord& word : node.words) {
    if (word.dropped)
      continue;
    out += (out.empty() ? "" : " ") + word.text;
  }
  return out;
}

std::string FieldOf(const PlanNode& node) {
  return node.field == Field::kTitle ? "title:" : "";
}

std::string Describe(const PlanNode& node, bool nested) {
  switch (node.kind) {
    case PlanNode::Kind::kChunk: {
      std::string words = DescribeWords(node);
      if (node.field == Field::kTitle && words.find(' ') != std::string::npos)
        return "title:(" + words + ")";
      return FieldOf(node) + words;
    }
    case PlanNode::Kind::kPhrase: {
      std::string words;
      for (const std::string& term : node.positional_all) {
        const bool han = IsHanCharTerm(term);
        const std::string text = han ? term.substr(2) : term;
        const bool glue = han && !words.empty() && words.back() != ' ' &&
                          static_cast<unsigned char>(words.back()) >= 0x80;
        words += (words.empty() || glue ? "" : " ") + text;
      }
      return FieldOf(node) + "\"" + words + "\"";
    }
    case PlanNode::Kind::kPrefix:
      return FieldOf(node) + node.prefix + "*";
    case PlanNode::Kind::kFilter:
      return node.description;
    case PlanNode::Kind::kNot:
      return "NOT " + Describe(*node.children[0], true);
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr: {
      const char* separator = node.kind == PlanNode::Kind::kOr ? " OR "
                              : node.implicit                  ? " "
                                                               : " AND ";
      std::string out;
      for (const Node& child : node.children) {
        out += (out.empty() ? "" : separator) + Describe(*child, true);
      }
      return nested ? "(" + out + ")" : out;
    }
  }
  return "";
}

}  // namespace

QueryPlan MakePlan(const QueryNode& root, std::string_view text, Analyzer* analyzer) {
  return Planner(text, analyzer).Make(root);
}

std::vector<const PlanWord*> PlainWords(const QueryPlan& plan) {
  std::vector<const PlanWord*> words;
  for (const PlanNode* part : plan.parts) {
    for (const PlanWord& word : part->words) {
      if (!word.dropped && !word.repeat)
        words.push_back(&word);
    }
  }
  return words;
}

std::vector<const PlanWord*> PartialWords(const QueryPlan& plan) {
  std::vector<const PlanWord*> words = PlainWords(plan);
  const bool content = std::any_of(words.begin(), words.end(),
                                   [](const PlanWord* word) { return !word->function; });
  if (content) {
    words.erase(std::remove_if(words.begin(), words.end(),
                               [](const PlanWord* word) { return word->function; }),
                words.end());
  }
  return words;
}

std::string DescribePlan(const QueryPlan& plan) {
  return Describe(*plan.root, false);
}

}  // namespace sousuo
