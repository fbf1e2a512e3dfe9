// Shared helpers for tests that drive the kiosk headlessly, the way a learner (taps) or a
// screen reader (actions on accessibility nodes) would.
#pragma once

#include "ui/headless.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace qiao::testing {

inline ui::AppOptions BundledOptions(std::string data_dir = "") {
  ui::AppOptions o;
  o.packs_dir = std::string(QIAO_SOURCE_DIR) + "/lessons";
  o.locales_dir = std::string(QIAO_SOURCE_DIR) + "/locales";
  o.data_dir = std::move(data_dir);
  return o;
}

// A screen rectangle of drawn ink.
struct Box {
  float x0, y0, x1, y1;
};

// The texture id a test gives the App's glyph atlas (App::SetAtlasTexture), so that the frame's
// glyph quads can be told from ImGui's own shapes.
inline ImTextureID TestAtlasTexture() { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(0x7e57)); }

// Every glyph quad of the last rendered frame (vertices drawn with the atlas texture), read back
// from ImGui's draw lists and cut by their clip rectangles: what the kiosk draws and a learner
// sees, not a re-computation. A glyph clipped away entirely is not listed.
inline std::vector<Box> GlyphQuads(ImTextureID atlas) {
  std::vector<Box> out;
  const ImDrawData* data = ImGui::GetDrawData();
  if (!data) return out;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != atlas) continue;
      for (unsigned i = 0; i + 6 <= cmd.ElemCount; i += 6) {  // two triangles per glyph
        Box b{1e9f, 1e9f, -1e9f, -1e9f};
        for (unsigned k = 0; k < 6; ++k) {
          const ImDrawVert& v = list->VtxBuffer[int(cmd.VtxOffset + list->IdxBuffer[int(cmd.IdxOffset + i + k)])];
          const float x = std::clamp(v.pos.x, cmd.ClipRect.x, cmd.ClipRect.z);
          const float y = std::clamp(v.pos.y, cmd.ClipRect.y, cmd.ClipRect.w);
          b = {std::min(b.x0, x), std::min(b.y0, y), std::max(b.x1, x), std::max(b.y1, y)};
        }
        if (b.x1 > b.x0 && b.y1 > b.y0) out.push_back(b);
      }
    }
  }
  return out;
}

class KioskTest : public ::testing::Test {
 protected:
  ui::HeadlessRunner& Start(float w = 1280, float h = 800, std::string data_dir = "") {
    runner_.reset();
    runner_ = std::make_unique<ui::HeadlessRunner>(BundledOptions(std::move(data_dir)), w, h);
    runner_->Settle();
    return *runner_;
  }
  ui::HeadlessRunner& runner() { return *runner_; }
  ui::App& app() { return runner_->app(); }

  // A UI string as the current locale shows it.
  std::string Tr(std::string_view key, const i18n::Args& args = {}) {
    return app().translator().Get(key, args).text;
  }
  std::string Content(const content::LocalizedText& t) {
    return std::string(t.Resolve(app().translator().chain()).text);
  }

  const a11y::Node* Find(a11y::Role role, const std::string& name) {
    return runner_->tree().FindByName(role, name);
  }
  // The first node of `role` whose name contains `part`.
  const a11y::Node* FindContaining(a11y::Role role, const std::string& part) {
    for (const a11y::Node* n : runner_->tree().Flatten())
      if (n->role == role && n->name.find(part) != std::string::npos) return n;
    return nullptr;
  }
  void Activate(a11y::Role role, const std::string& name) {
    ASSERT_TRUE(runner_->Activate(role, name))
        << "no " << a11y::RoleName(role) << " named \"" << name << "\" on " << app().route();
  }
  void TapNode(const a11y::Node* n) {
    ASSERT_NE(n, nullptr);
    runner_->Tap(n->bounds.x + n->bounds.w / 2, n->bounds.y + n->bounds.h / 2);
  }
  // Picks a language on the picker.
  void Pick(const std::string& tag) {
    const i18n::LocaleInfo* info = app().translator().Find(tag);
    ASSERT_NE(info, nullptr) << tag;
    Activate(a11y::Role::kButton, info->endonym);
    ASSERT_EQ(app().route(), "home");
  }

  std::unique_ptr<ui::HeadlessRunner> runner_;
};

}  // namespace qiao::testing
