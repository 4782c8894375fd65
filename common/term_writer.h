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

// Sets terms[0..n) to the terms one token yields in `field`, positional term
// first (if any), and returns n <= kMaxTokenTerms. Used by the snippet matcher
// to see a text exactly as the index does; it calls this for every token of
// every text, so the strings' buffers are reused.
constexpr size_t kMaxTokenTerms = 2;
size_t TokenTerms(const Token& token, Field field,
                  std::string (&terms)[kMaxTokenTerms]);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_TERM_WRITER_H_
