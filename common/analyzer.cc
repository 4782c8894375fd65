#include "common/analyzer.h"

#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

#include "common/segmenter.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

// Bump when anything below changes the terms a text yields.
constexpr int kAnalyzerVersion = 1;

bool IsLatinWord(std::string_view word) {
  bool has_latin = false;
  size_t pos = 0;
  while (pos < word.size()) {
    const char32_t c = DecodeUtf8(word, &pos);
    if (c < 0x80) {
      has_latin |= (c >= 'a' && c <= 'z');
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_LATIN) {
      has_latin = true;
    } else if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return false;
    }
  }
  return has_latin;
}

// Original end offset of a folded range ending at `end`: the end of the
// source segment that produced folded byte end-1.
uint32_t OriginalEnd(const FoldedText& folded, size_t end) {
  if (end == 0) return folded.origin[0];
  const uint32_t segment = folded.origin[end - 1];
  while (end < folded.text.size() && folded.origin[end] == segment) ++end;
  return folded.origin[end];
}

}  // namespace

Analyzer::Analyzer()
    : segmenter_(std::make_unique<internal::Segmenter>()),
      stemmer_("english") {}

Analyzer::~Analyzer() = default;

// The chain, top to bottom: fold (with offset map) -> segment -> classify ->
// drop overlong -> Han words + characters / Latin stems.
uint32_t Analyzer::Analyze(std::string_view text, uint32_t first_position,
                           std::vector<Token>* out) {
  const FoldedText folded = folder_.Fold(text);
  segmenter_->Segment(folded.text, &segments_);
  uint32_t position = first_position;
  for (const internal::Segment& seg : segments_) {
    const std::string_view word(folded.text.data() + seg.begin,
                                seg.end - seg.begin);
    const bool han = seg.status >= UBRK_WORD_IDEO && seg.status < UBRK_WORD_IDEO_LIMIT;
    if (!han) {
      if (word.size() <= kMaxWordBytes) {
        Token token;
        token.text = std::string(word);
        token.begin = folded.origin[seg.begin];
        token.end = OriginalEnd(folded, seg.end);
        token.position = position;
        const bool number =
            seg.status >= UBRK_WORD_NUMBER && seg.status < UBRK_WORD_NUMBER_LIMIT;
        token.kind = number ? TokenKind::kNumber : TokenKind::kWord;
        if (!number && IsLatinWord(word)) token.stem = stemmer_(token.text);
        out->push_back(std::move(token));
      }
      ++position;  // an overlong word keeps its place: no phrase spans it
      continue;
    }
    if (word.size() <= kMaxWordBytes) {
      Token token;
      token.text = std::string(word);
      token.begin = folded.origin[seg.begin];
      token.end = OriginalEnd(folded, seg.end);
      token.position = position;
      token.kind = TokenKind::kHanWord;
      out->push_back(std::move(token));
    }
    size_t pos = seg.begin;
    while (pos < seg.end) {
      const size_t char_begin = pos;
      DecodeUtf8(folded.text, &pos);
      Token han_char;
      han_char.text = folded.text.substr(char_begin, pos - char_begin);
      han_char.begin = folded.origin[char_begin];
      han_char.end = OriginalEnd(folded, pos);
      han_char.position = position++;
      han_char.kind = TokenKind::kHanChar;
      out->push_back(std::move(han_char));
    }
  }
  return position;
}

std::vector<Token> Analyzer::Analyze(std::string_view text) {
  std::vector<Token> tokens;
  Analyze(text, 1, &tokens);
  return tokens;
}

std::string Analyzer::Normalize(std::string_view word) const {
  return folder_.FoldString(word);
}

std::string Analyzer::Stem(const std::string& word) const {
  return stemmer_(word);
}

std::string Analyzer::Signature() {
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_version);
  UVersionInfo unicode;
  u_getUnicodeVersion(unicode);
  char unicode_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(unicode, unicode_version);
  return "sousuo-analyzer/" + std::to_string(kAnalyzerVersion) +
         " icu=" + icu_version + " unicode=" + unicode_version +
         " xapian=" + Xapian::version_string() +
         " fold=nfkc_cf+apostrophe+t2s seg=icu-word stem=english"
         " max-word=" + std::to_string(kMaxWordBytes) + " han=word+char";
}

}  // namespace sousuo
