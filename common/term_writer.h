// Turns analyzer tokens into Xapian terms (the STEM_SOME model, reproduced in
// our own code because Xapian 1.4's TermGenerator can only n-gram Chinese):
//   kWord, kNumber -> exact term with position;   kWord (Latin) -> "Z" stem, no position
//   kHanWord       -> word term, no position (whole-word matches rank higher)
//   kHanChar       -> "XC" character term with position (phrases, sub-word recall)
// Stems and Han words carry no positions: phrases are matched over exact
// words and Han characters only, so positions on them would be dead weight.
#ifndef SOUSUO_COMMON_TERM_WRITER_H_
#define SOUSUO_COMMON_TERM_WRITER_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "common/token.h"

namespace sousuo {

// Adds the terms of `tokens` in `field` to `doc`, each occurrence adding
// `wdf` to the term's within-document frequency.
void AddTerms(const std::vector<Token>& tokens, Field field,
              Xapian::termcount wdf, Xapian::Document* doc);

// The terms one token yields in `field`, positional term first (if any), at
// most kMaxTokenTerms of them. Used by the snippet matcher to see a text
// exactly as the index does.
constexpr size_t kMaxTokenTerms = 2;
std::vector<std::string> TokenTerms(const Token& token, Field field);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_TERM_WRITER_H_
