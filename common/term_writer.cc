#include "common/term_writer.h"

namespace sousuo {

void AddTerms(const std::vector<Token>& tokens, Field field,
              Xapian::termcount wdf, Xapian::Document* doc) {
  for (const Token& token : tokens) {
    switch (token.kind) {
      case TokenKind::kWord:
      case TokenKind::kNumber:
        doc->add_posting(WordTerm(field, token.text), token.position, wdf);
        if (!token.stem.empty()) doc->add_term(StemTerm(field, token.stem), wdf);
        break;
      case TokenKind::kHanWord:
        doc->add_term(WordTerm(field, token.text), wdf);
        break;
      case TokenKind::kHanChar:
        doc->add_posting(HanCharTerm(field, token.text), token.position, wdf);
        break;
    }
  }
}

size_t TokenTerms(const Token& token, Field field,
                  std::string (&terms)[kMaxTokenTerms]) {
  switch (token.kind) {
    case TokenKind::kWord:
    case TokenKind::kNumber:
      SetTerm("", field, token.text, &terms[0]);
      if (token.stem.empty()) return 1;
      SetTerm(kPrefixStem, field, token.stem, &terms[1]);
      return 2;
    case TokenKind::kHanWord:
      SetTerm("", field, token.text, &terms[0]);
      return 1;
    case TokenKind::kHanChar:
      SetTerm(kPrefixHanChar, field, token.text, &terms[0]);
      return 1;
  }
  return 0;
}

}  // namespace sousuo
