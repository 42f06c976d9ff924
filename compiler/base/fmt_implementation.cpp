// fmt's compiled part, built into caios from the installed <fmt/format-inl.h> instead of loaded
// from libfmt.so, which would load libstdc++.so with it (docs/architecture.md, "Build targets").
//
// Without FMT_HEADER_ONLY, <fmt/format-inl.h> defines fmt's non-template functions with external
// linkage, once, here. Its templates that <fmt/format.h> declares `extern template` (so that no
// other file instantiates them) are instantiated below, for char, the only character type caios
// formats; a use of another would fail to link, not misbehave.
#include <fmt/format-inl.h>

#include <locale>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;

template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                         locale_ref);

}  // namespace detail
FMT_END_NAMESPACE
