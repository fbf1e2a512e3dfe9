// Where this build's i18n data files are: the only file compiled with their paths (app/i18n/
// CMakeLists.txt gives it QIAO_PINYIN_READINGS, QIAO_TRANSLIT_RULES and QIAO_KAZAKH_ARABIC_RULES;
// packaging/package.cmake points them at /usr/share/qiao). Every other file of every target is
// compiled the same in any build tree or checkout, so ccache shares it (packaging/README.md).
#include "i18n/search.h"
#include "i18n/transliterate.h"

namespace qiao::i18n {

std::string PinyinReadingsFile() { return QIAO_PINYIN_READINGS; }

TransliterationFiles TransliterationFiles::Installed() {
  return {QIAO_TRANSLIT_RULES, QIAO_KAZAKH_ARABIC_RULES};
}

}  // namespace qiao::i18n
