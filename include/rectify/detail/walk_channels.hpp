// rectify/detail/walk_channels.hpp — the walk for an operation with one parameter per channel
// (PReLU's slopes; a bias), over a tensor described as (outer, channels, inner): element (o, c, i)
// at (o·channels + c)·inner + i takes params[c].   NCHW → {N, C, H·W}   NHWC → {N·H·W, C, 1}
//
//   walk_channels(outer, channels, inner, params, op, term, sums, out, in...)
//       out = op(in..., a_c);  with a term (not no_sum), sums[c] = Σ term(in..., a_c) over channel c
//
// op and term take T or batch<T, Arch> alike, the channel's parameter last, of the same type as
// the inputs. The output may be one of the inputs; sums may overlap none of the arrays.
#pragma once

#include "walk_rows.hpp"
#include "walk_runs.hpp"

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp

/// The walk for the layout: one channel is one run, contiguous; a run of one element per channel
/// is a row of channels (NHWC); anything else is runs (NCHW). outer·channels·inner > 0.
template <class Arch, class Op, class Term, class T, class... In>
inline void walk_channels(std::size_t outer, std::size_t channels, std::size_t inner, const T* params,
                          Op op, Term term, T* sums, T* out, const In*... in) {
    if (channels == 1)
        walk_runs<Arch>(1, 1, outer * inner, params, op, term, sums, out, in...);
    else if (inner == 1)
        walk_rows<Arch>(outer, channels, params, op, term, sums, out, in...);
    else
        walk_runs<Arch>(outer, channels, inner, params, op, term, sums, out, in...);
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
