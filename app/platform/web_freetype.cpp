// The browser build's FreeType modules. FT_Init_FreeType (ftinit.c) registers every module
// FreeType was built with, which links Type 1, CID, PFR, Type 42, Windows FNT, PCF, BDF, gzip,
// LZW, the monochrome and SDF rasterizers into the .wasm although the browser only ever opens
// our subset OpenType fonts (TrueType and CFF outlines, app/text/README.md). This definition
// takes ftinit.c's place at link time (its object file is then never pulled from libfreetype.a)
// and registers only the modules those fonts need, with FreeType's public API for a custom
// module set (FT_New_Library + FT_Add_Module). The native build keeps Debian's FreeType as is.
// Not registered either: psnames (glyph names; the CJK faces are CID-keyed CFF, which need none,
// and FreeType is built without glyph-name support for the browser: cmake/wasm-deps.sh). The
// auto-hinter stays: FT_LOAD_TARGET_LIGHT (app/text/atlas.cpp) hints TrueType with it, and
// pshinter stays: without it every CFF (CJK) glyph renders differently. Every glyph of the
// cut fonts renders to the same bitmap with this set as with the one before (checked natively
// with FreeType 2.12.1 built both ways, 2026-12-07: web/README.md "Size").
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_SYSTEM_H

#include <cstdlib>
#include <initializer_list>

namespace {

// The C heap, as ftsystem.c's default FT_Memory does (public FT_MemoryRec; no state).
void* Alloc(FT_Memory, long size) { return std::malloc(static_cast<size_t>(size)); }
void Free(FT_Memory, void* block) { std::free(block); }
void* Realloc(FT_Memory, long, long new_size, void* block) {
  return std::realloc(block, static_cast<size_t>(new_size));
}
FT_MemoryRec_ heap = {nullptr, Alloc, Free, Realloc};

}  // namespace

extern "C" {

// Module classes as libfreetype.a defines them (FT_DECLARE_MODULE / FT_DECLARE_DRIVER /
// FT_DECLARE_RENDERER); only their addresses are used.
extern const FT_Module_Class autofit_module_class;  // light hinting = the auto-hinter
extern const FT_Module_Class tt_driver_class;       // TrueType outlines (.ttf)
extern const FT_Module_Class cff_driver_class;      // CFF outlines (the CJK .ttc)
extern const FT_Module_Class sfnt_module_class;     // the OpenType container
extern const FT_Module_Class psaux_module_class;    // CFF charstrings
extern const FT_Module_Class pshinter_module_class; // CFF's own hinter
extern const FT_Module_Class ft_smooth_renderer_class;  // anti-aliased rasterizer

FT_Error FT_Init_FreeType(FT_Library* library) {
  FT_Error error = FT_New_Library(&heap, library);
  if (error) return error;
  for (const FT_Module_Class* m : {&autofit_module_class, &tt_driver_class, &cff_driver_class, &sfnt_module_class,
                                   &psaux_module_class, &pshinter_module_class,
                                   &ft_smooth_renderer_class}) {
    if ((error = FT_Add_Module(*library, m)) != 0) {
      FT_Done_Library(*library);
      *library = nullptr;
      return error;
    }
  }
  return FT_Err_Ok;
}

FT_Error FT_Done_FreeType(FT_Library library) {
  return FT_Done_Library(library);
}

}  // extern "C"
