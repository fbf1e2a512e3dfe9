// Guides generated in code for the benchmarks (never a committed 10,000-guide file): zh-Hans and
// en texts built from a few hundred words of the kiosk's subjects (pensions, medical insurance,
// hospitals, phones, buses...), chosen by a fixed-seed generator so every run sees the same
// library. Each guide is a complete, valid guide of the pack format (lessons/README.md).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace qiao::bench {

// A small deterministic generator (splitmix64): the same numbers on every machine, unlike the
// distributions of <random>.
class Words {
 public:
  explicit Words(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  template <size_t N>
  const char* Pick(const char* const (&list)[N]) { return list[Next() % N]; }

 private:
  uint64_t state_;
};

// Word pairs (zh, en) so both languages of a guide say the same thing.
struct Pair {
  const char* zh;
  const char* en;
};

inline constexpr Pair kTopics[] = {
    {"养老金", "pension"}, {"医保", "medical insurance"}, {"社保卡", "social security card"},
    {"身份证", "ID card"}, {"户口", "household registration"}, {"驾驶证", "driving licence"},
    {"老年卡", "senior card"}, {"公交卡", "bus card"}, {"银行卡", "bank card"},
    {"健康码", "health code"}, {"电费", "electricity bill"}, {"水费", "water bill"},
    {"燃气费", "gas bill"}, {"话费", "phone bill"}, {"挂号", "hospital appointment"},
    {"体检", "health check"}, {"疫苗", "vaccination"}, {"低保", "basic living allowance"},
    {"残疾人证", "disability card"}, {"高龄补贴", "old-age allowance"}, {"住房公积金", "housing fund"},
    {"退休证明", "retirement certificate"}, {"居住证", "residence permit"}, {"护照", "passport"},
    {"火车票", "train ticket"}, {"出租车", "taxi"}, {"快递", "parcel delivery"},
    {"网上购物", "online shopping"}, {"视频通话", "video call"}, {"微信支付", "mobile payment"},
    {"长辈模式", "senior mode"}, {"行程卡", "travel record"}, {"药费报销", "medicine refund"},
    {"异地就医", "treatment in another city"}, {"生育津贴", "maternity allowance"},
    {"失业金", "unemployment benefit"}, {"取暖补贴", "heating allowance"}, {"不动产证", "property certificate"},
    {"结婚证", "marriage certificate"}, {"出生证明", "birth certificate"}, {"社区食堂", "community canteen"},
    {"助听器", "hearing aid"}, {"轮椅", "wheelchair"}, {"法律援助", "legal aid"},
    {"防诈骗", "fraud protection"}, {"电子社保卡", "digital social security card"},
    {"银行转账", "bank transfer"}, {"宽带", "broadband"}, {"电视", "television service"},
};

inline constexpr Pair kActions[] = {
    {"办理", "apply for"}, {"补办", "replace"}, {"查询", "check"}, {"认证", "confirm"},
    {"缴纳", "pay"}, {"预约", "book"}, {"领取", "collect"}, {"申请", "request"},
    {"变更", "change"}, {"注销", "cancel"}, {"续期", "renew"}, {"激活", "activate"},
    {"挂失", "report the loss of"}, {"绑定", "link"}, {"报销", "claim"}, {"打印", "print"},
};

inline constexpr Pair kWays[] = {
    {"在手机上", "on a phone"}, {"在社区", "at the community centre"}, {"在银行", "at the bank"},
    {"在医院", "at the hospital"}, {"在自助机上", "at a self-service machine"},
    {"请家人帮忙", "with help from family"}, {"打电话", "by phone"}, {"在政务大厅", "at the service hall"},
};

inline constexpr Pair kThings[] = {
    {"照片", "a photo"}, {"户口本", "the household register"}, {"存折", "the bank book"},
    {"病历本", "the medical record book"}, {"手机", "your phone"}, {"老花镜", "your reading glasses"},
    {"申请表", "the application form"}, {"收据", "the receipt"}, {"证明信", "a letter of proof"},
};

inline constexpr const char* kStepZh[] = {
    "先打开官方应用，找到首页的服务入口。", "按照屏幕上的提示填写信息，不确定就问工作人员。",
    "核对姓名和证件号码，确认无误后再提交。", "刷脸时请摘下帽子和眼镜，对着屏幕慢慢眨眼。",
    "提交以后保存好回执，一般三个工作日内有结果。", "到窗口取号，等叫号时带好证件。",
    "不要把验证码告诉任何人，工作人员不会向您要验证码。", "办完以后可以在应用里查看进度。",
};
inline constexpr const char* kStepEn[] = {
    "Open the official app and find the service on the first page.",
    "Fill in the details the screen asks for; if unsure, ask a member of staff.",
    "Check your name and card number before you send it.",
    "For the face check, take off your hat and glasses and blink slowly at the screen.",
    "Keep the receipt after you send it; the answer usually comes within three working days.",
    "Take a number at the counter and have your card ready when it is called.",
    "Never tell anyone your code: staff will never ask you for it.",
    "Afterwards you can follow the progress in the app.",
};

// Guide number `n` of the generated library: its id is "generated-<n>".
inline nlohmann::json GeneratedGuide(int n) {
  Words w(0x5149414F + static_cast<uint64_t>(n) * 7919);  // "QIAO" + n
  const Pair& topic = kTopics[w.Next() % std::size(kTopics)];
  const Pair& action = kActions[w.Next() % std::size(kActions)];
  const Pair& way = kWays[w.Next() % std::size(kWays)];
  const Pair& other = kTopics[w.Next() % std::size(kTopics)];
  const Pair& thing = kThings[w.Next() % std::size(kThings)];
  auto text = [](std::string zh, std::string en) { return nlohmann::json{{"zh-Hans", zh}, {"en", en}}; };
  nlohmann::json g;
  g["id"] = "generated-" + std::to_string(n);
  g["title"] = text(std::string(way.zh) + action.zh + topic.zh,
                    std::string(action.en) + " your " + topic.en + " " + way.en);
  g["title"]["en"].get_ref<std::string&>()[0] -= 'a' - 'A';  // capital first letter
  g["summary"] = text(std::string("需要") + action.zh + topic.zh + "的居民，可以" + way.zh + "办，也可以带上" +
                          thing.zh + "到窗口办。和" + other.zh + "一起办更方便。",
                      std::string("If you need to ") + action.en + " your " + topic.en + ", do it " + way.en +
                          ", or take " + thing.en + " to a counter. It is easier together with your " +
                          other.en + ".");
  g["region"] = "national";  // no reviewedAt: only a reviewer (reviewedBy) dates a review
  g["expiresAt"] = "2027-11-01";
  g["whoCanApply"] = text(std::string("本地户籍或持居住证的居民，") + topic.zh + "在有效期内。",
                          std::string("Residents registered here or holding a residence permit, with a valid ") +
                              topic.en + ".");
  g["whatToBring"] = nlohmann::json::array();
  g["whatToBring"].push_back({{"id", "id-card"}, {"text", text("本人身份证", "Your ID card")}});
  g["whatToBring"].push_back({{"id", "thing"}, {"text", text(thing.zh, thing.en)}});
  g["steps"] = nlohmann::json::array();
  for (int i = 0, steps = 3 + static_cast<int>(w.Next() % 3); i < steps; ++i) {
    size_t s = w.Next() % std::size(kStepZh);
    g["steps"].push_back({{"text", text(kStepZh[s], kStepEn[s])}});
  }
  g["whereAndWhen"] = text(std::string(way.zh) + "办，工作日上午九点到下午五点。",
                           std::string("Do it ") + way.en + ", weekdays from 9 am to 5 pm.");
  g["fees"] = text("免费。", "It is free.");
  g["otherWays"] = nlohmann::json::array();
  g["otherWays"].push_back({{"channel", "in-person"}, {"text", text("到社区服务中心，工作人员帮您办。",
                                                                   "Go to the community service centre; staff will help.")}});
  g["otherWays"].push_back({{"channel", "phone"}, {"text", text("拨打12345热线问清楚。", "Call the 12345 hotline to ask.")}});
  g["help"] = text("不会办就问社区工作人员或志愿者。", "If you are stuck, ask a community worker or a volunteer.");
  return g;
}

// A pack holding guides first..first+count-1.
inline nlohmann::json GeneratedPack(const std::string& id, int first, int count) {
  nlohmann::json pack = {
      {"schemaVersion", "1.0"},
      {"id", id},
      {"title", {{"zh-Hans", "生成的办事指南"}, {"en", "Generated guides"}}},
      {"author", "qiao bench"},
      {"license", "CC-BY-4.0"},
      {"translations", {{"zh-Hans", {{"status", "source"}}}, {"en", {{"status", "source"}}}}},
  };
  pack["guides"] = nlohmann::json::array();
  for (int i = first; i < first + count; ++i) pack["guides"].push_back(GeneratedGuide(i));
  return pack;
}

}  // namespace qiao::bench
