// The function words queries drop: English (a short list for every query,
// Snowball's list for relaxed ones) and Chinese (relaxed queries). All take
// folded words, as the analyzer gives them.
#ifndef SOUSUO_COMMON_STOP_WORDS_H_
#define SOUSUO_COMMON_STOP_WORDS_H_

#include <string_view>

namespace sousuo {

// True if folded `word` is one of the English stop words: a an and are as at
// be but by for if in into is it no not of on or such that the their then
// there these they this to was were will with.
bool IsStopWord(std::string_view word);

// True if folded `word` is in Snowball's English stop word list (without
// contractions): what, which, have, ... The relaxed query drops these.
bool IsQuestionStopWord(std::string_view word);

// True if folded (Simplified) `word` is one of Sousuo's 75 Chinese function
// words: interrogatives (什么 哪 哪里 谁 多少 几 怎么 如何 为什么 是否 ...),
// particles (的 了 着 过 之 所 吗 呢 吧 啊), the copula 是 and 有, prepositions
// and conjunctions (在 由 被 把 对 于 从 和 与 及 或 而 ...), demonstratives
// (这 那 这些 该 其 此 ...), third-person pronouns (他 她 它 他们 ...) and the
// classifier 个. The relaxed query drops these, as it drops Snowball's
// English list: in a typed question they carry no topic.
bool IsChineseStopWord(std::string_view word);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_STOP_WORDS_H_
