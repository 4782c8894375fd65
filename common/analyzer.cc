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

// The token for folded bytes [begin, end), with offsets into the original.
Token MakeToken(const FoldedText& folded, size_t begin, size_t end, uint32_t position) {
  Token token;
  token.text = folded.text.substr(begin, end - begin);
  token.begin = folded.origin[begin];
  token.end = OriginalEnd(folded, end);
  token.position = position;
  return token;
}

}  // namespace

Analyzer::Analyzer()
    : segmenter_(std::make_unique<internal::Segmenter>()),
      stemmer_("english") {}

Analyzer::~Analyzer() = default;

namespace {

// A character ICU's word breaking attaches to the one before it.
bool IsExtend(char32_t c) {
  const int wb = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_WORD_BREAK);
  return wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ;
}

bool IsKana(char32_t c) {
  if (c < 0x3040 || IsUnifiedHan(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || c == 0x30FC ||
         c == 0xFF70 || c == 0xFF9E || c == 0xFF9F;
}

}  // namespace

// The chain, top to bottom: fold (with offset map) -> segment -> classify ->
// drop overlong -> Han words + characters / Latin stems.
uint32_t Analyzer::Analyze(std::string_view text, uint32_t first_position,
                           std::vector<Token>* out) {
  const FoldedText folded = folder_.Fold(text);
  return AnalyzeFolded(folded, 0, folded.text.size(), first_position, /*han_words=*/true, out);
}

uint32_t Analyzer::AnalyzeCharacters(std::string_view text, uint32_t first_position,
                                     std::vector<Token>* out) {
  const FoldedText folded = folder_.Fold(text);
  return AnalyzeFolded(folded, 0, folded.text.size(), first_position, /*han_words=*/false, out);
}

uint32_t Analyzer::AnalyzeFolded(const FoldedText& folded, size_t begin, size_t end,
                                 uint32_t first_position, bool han_words,
                                 std::vector<Token>* out) {
  uint32_t position = first_position;
  if (han_words) {
    SegmentAndEmit(folded, begin, end, /*han_words=*/true, &position, out);
    return position;
  }
  const std::string& f = folded.text;
  // ICU's dictionary segments kana and Han together, in ways that depend on
  // the neighbours: Japanese text goes the whole way.
  for (size_t pos = begin; pos < end;) {
    if (IsKana(DecodeUtf8(f, &pos))) {
      SegmentAndEmit(folded, begin, end, /*han_words=*/false, &position, out);
      return position;
    }
  }
  for (size_t pos = begin; pos < end;) {
    // Text up to the next Han character goes to ICU as Analyze would; word
    // boundaries always fall between Han and other characters, so the
    // segments are the ones the whole text gives.
    const size_t run = pos;
    size_t next = pos;
    bool marks_only = true;
    while (pos < end) {
      const char32_t c = DecodeUtf8(f, &next);
      if (IsHan(c)) break;
      marks_only = marks_only && internal::IsNeverInWord(c);
      pos = next;
    }
    // A run of marks and spaces only (，。 between clauses) has no words.
    if (pos > run && !marks_only) SegmentAndEmit(folded, run, pos, false, &position, out);
    // A run of Han characters, with any combining marks.
    const size_t han = pos;
    bool plain = true;  // only unified ideographs and marks
    for (next = pos; pos < end; pos = next) {
      const char32_t c = DecodeUtf8(f, &next);
      if (IsUnifiedHan(c)) continue;
      if (!IsHan(c) && !IsExtend(c)) break;
      plain = plain && (IsExtend(c) || u_hasBinaryProperty(static_cast<UChar32>(c),
                                                           UCHAR_UNIFIED_IDEOGRAPH));
    }
    if (!plain) {
      // Marks like 々 depend on their neighbours in ICU's rules: segment
      // such a run as Analyze does, only without its Han words.
      SegmentAndEmit(folded, han, pos, false, &position, out);
      continue;
    }
    // Otherwise one position per character, as Analyze gives them.
    for (size_t at = han; at < pos; at = next) {
      next = at;
      DecodeUtf8(f, &next);
      Token han_char = MakeToken(folded, at, next, position++);
      han_char.kind = TokenKind::kHanChar;
      out->push_back(std::move(han_char));
    }
  }
  return position;
}

void Analyzer::SegmentAndEmit(const FoldedText& folded, size_t begin, size_t end,
                              bool han_words, uint32_t* position, std::vector<Token>* out) {
  segmenter_->Segment(std::string_view(folded.text).substr(begin, end - begin), &segments_);
  for (internal::Segment seg : segments_) {
    seg.begin += static_cast<uint32_t>(begin);
    seg.end += static_cast<uint32_t>(begin);
    Emit(folded, seg, han_words, position, out);
  }
}

void Analyzer::Emit(const FoldedText& folded, const internal::Segment& seg, bool han_words,
                    uint32_t* position, std::vector<Token>* out) {
  const bool han = seg.status >= UBRK_WORD_IDEO && seg.status < UBRK_WORD_IDEO_LIMIT;
  const bool number = seg.status >= UBRK_WORD_NUMBER && seg.status < UBRK_WORD_NUMBER_LIMIT;
  // An overlong word is dropped but keeps its place: no phrase spans it.
  if (seg.end - seg.begin <= kMaxWordBytes && (han_words || !han)) {
    Token token = MakeToken(folded, seg.begin, seg.end, *position);
    token.kind = han ? TokenKind::kHanWord : number ? TokenKind::kNumber : TokenKind::kWord;
    if (token.kind == TokenKind::kWord && IsLatinWord(token.text)) {
      token.stem = CachedStem(token.text);
    }
    out->push_back(std::move(token));
  }
  if (!han) {
    ++*position;
    return;
  }
  for (size_t pos = seg.begin; pos < seg.end;) {
    const size_t char_begin = pos;
    DecodeUtf8(folded.text, &pos);
    Token han_char = MakeToken(folded, char_begin, pos, (*position)++);
    han_char.kind = TokenKind::kHanChar;
    out->push_back(std::move(han_char));
  }
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

const std::string& Analyzer::CachedStem(const std::string& word) {
  // About 5 MB at most; a newswire corpus of 19,000 stories has 40,000 words.
  constexpr size_t kMaxCachedStems = 1 << 16;
  const auto found = stems_.find(word);
  if (found != stems_.end())
    return found->second;
  if (stems_.size() >= kMaxCachedStems)
    stems_.clear();
  return stems_.emplace(word, stemmer_(word)).first->second;
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
