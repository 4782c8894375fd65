#include "common/stop_words.h"

#include <algorithm>
#include <iterator>

namespace sousuo {

bool IsStopWord(std::string_view word) {
  static const std::string_view kStopWords[] = {
      "a",    "an",   "and",  "are",  "as",   "at",    "be",   "but",   "by",
      "for",  "if",   "in",   "into", "is",   "it",    "no",   "not",   "of",
      "on",   "or",   "such", "that", "the",  "their", "then", "there", "these",
      "they", "this", "to",   "was",  "were", "will",  "with"};
  return std::binary_search(std::begin(kStopWords), std::end(kStopWords), word);
}

bool IsQuestionStopWord(std::string_view word) {
  // Snowball's English stop word list, without the contracted forms (the
  // analyzer keeps "don't" as one word, and those are rare in questions).
  static const std::string_view kStopWords[] = {
      "a",       "about",   "above",  "after",      "again",   "against", "all",
      "am",      "an",      "and",    "any",        "are",     "as",      "at",
      "be",      "because", "been",   "before",     "being",   "below",   "between",
      "both",    "but",     "by",     "cannot",     "could",   "did",     "do",
      "does",    "doing",   "down",   "during",     "each",    "few",     "for",
      "from",    "further", "had",    "has",        "have",    "having",  "he",
      "her",     "here",    "hers",   "herself",    "him",     "himself", "his",
      "how",     "i",       "if",     "in",         "into",    "is",      "it",
      "its",     "itself",  "me",     "more",       "most",    "my",      "myself",
      "no",      "nor",     "not",    "of",         "off",     "on",      "once",
      "only",    "or",      "other",  "ought",      "our",     "ours",    "ourselves",
      "out",     "over",    "own",    "same",       "she",     "should",  "so",
      "some",    "such",    "than",   "that",       "the",     "their",   "theirs",
      "them",    "themselves", "then", "there",     "these",   "they",    "this",
      "those",   "through", "to",     "too",        "under",   "until",   "up",
      "very",    "was",     "we",     "were",       "what",    "when",    "where",
      "which",   "while",   "who",    "whom",       "why",     "with",    "would",
      "you",     "your",    "yours",  "yourself",   "yourselves"};
  return std::binary_search(std::begin(kStopWords), std::end(kStopWords), word);
}

bool IsChineseStopWord(std::string_view word) {
  // Written for Sousuo from Chinese grammar, not taken from a list or from
  // any test collection: interrogatives, sentence-final and structural
  // particles, the copula and 有, common prepositions and conjunctions,
  // demonstratives, third-person pronouns and the classifier 个, each as ICU
  // segments it when it stands alone (哪一, 什么时候 are single ICU words).
  // Sorted by UTF-8 bytes for binary_search.
  static const std::string_view kStopWords[] = {
      "与",   "个",   "为",   "为什么", "为何", "之",   "也",       "了",     "于",
      "什么", "什么时候", "什么样", "从", "他",   "他们", "以",       "但",     "何",
      "何时", "关于", "其",   "几",     "又",   "及",   "向",       "吗",     "吧",
      "呢",   "和",   "哪",   "哪一",   "哪个", "哪些", "哪位",     "哪儿",   "哪里",
      "啊",   "在",   "多少", "她",     "她们", "如何", "它",       "它们",   "对",
      "就",   "并",   "怎么", "怎么样", "怎样", "或",   "或者",     "所",     "把",
      "是",   "是否", "有",   "此",     "由",   "的",   "着",       "给",     "而",
      "被",   "该",   "谁",   "过",     "还",   "这",   "这个",     "这些",   "那",
      "那个", "那些", "都"};
  return std::binary_search(std::begin(kStopWords), std::end(kStopWords), word);
}

}  // namespace sousuo
