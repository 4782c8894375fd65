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

std::vector<std::string> TokenTerms(const Token& token, Field field) {
  switch (token.kind) {
    case TokenKind::kWord:
    case TokenKind::kNumber:
      if (token.stem.empty()) return {WordTerm(field, token.text)};
      return {WordTerm(field, token.text), StemTerm(field, token.stem)};
    case TokenKind::kHanWord:
      return {WordTerm(field, token.text)};
    case TokenKind::kHanChar:
      return {HanCharTerm(field, token.text)};
  }
  return {};
}

}  // namespace sousuo
