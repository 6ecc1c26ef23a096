#!/usr/bin/env python3
"""Run rectify_bench, take medians of repetitions, write a markdown table and a chart.

    bench/report.py --binary build/bench/rectify_bench            # default subset
    bench/report.py --binary build/bench/rectify_bench --full     # every kernel, type, size
    bench/report.py --json previous.json                          # re-report a saved run

Writes <out>/results.md (table, targets, machine, date, compiler, flags), <out>/throughput.png
and .svg (Gelem/s against size, log-log, one line per implementation), <out>/rectify_bench.json
(the raw run), and prints the markdown to stdout. Table cells are Gelem/s (median of the
repetitions) and the speed-up over the plain loop. Ratios to memcpy compare bytes per second
(forward moves 2n elements, backward 3n) against memcpy of the same size and type, in the same run.
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

# The default subset: float, every size, the forward kernels and the backward passes of
# ReLU / Leaky ReLU, against every peer (bench/README.md: how long a run takes).
# The smooth activations at the sizes their float targets name, 16 Ki and 64 Mi: forward and
# backward against the peers, the plain loop (libm, one element at a time) at 16 Ki only; and
# double forward at 16 Ki against Eigen and the loop.
SMOOTH = "sigmoid|tanh|silu|softplus|mish|celu"
# The hard family: forward and backward at the four sizes of its memcpy bars, against every peer.
HARD = "hardswish|hardsigmoid|relu6|hardtanh"
HARD_SIZES = "1024|262144|4194304|67108864"
# GELU (erf form) and its tanh approximation: as the smooth activations, float forward and backward
# at 16 Ki and 64 Mi against the peers (the plain loop at 16 Ki only), double forward at 16 Ki.
GELU = "gelu|gelu_tanh"
SUBSET_FILTER = (
    r"^BM_(memcpy|relu_forward|leaky_relu_forward|relu_backward|leaky_relu_backward"
    r"|prelu_nchw_forward|prelu_nhwc_forward|elu_forward|selu_forward)_f32/"
    r"(memcpy|rectify|rectify_scalar|loop|loop_expm1|xsimd_expm1|xnnpack|onednn|eigen)/"
    rf"|^BM_({SMOOTH})_(forward|backward|backward_from_output)_f32/"
    r"((rectify|xnnpack|onednn|eigen)/(16384|67108864)|loop/16384)$"
    rf"|^BM_(memcpy_f64/memcpy|({SMOOTH})_forward_f64/(rectify|loop|eigen))/16384$"
    rf"|^BM_({HARD})_(forward|backward|backward_from_output)_f32/"
    rf"(rectify|loop|xnnpack|onednn|eigen)/({HARD_SIZES})$"
    rf"|^BM_(({HARD})_forward_f64/(rectify|loop|eigen)|memcpy_f64/memcpy)/16384$"
    rf"|^BM_({GELU})_(forward|backward)_f32/((rectify|onednn|eigen)/(16384|67108864)|loop/16384)$"
    rf"|^BM_({GELU})_forward_f64/(rectify|loop|eigen)/16384$"
)
# The hard family's bars against peers, at every size run: (rectify's kernel, the peer's, peer, bar).
HARD_TARGETS = [
    ("hardswish_forward", "hardswish_forward", "xnnpack", 1.0),
    ("hardswish_forward", "hardswish_forward", "onednn", 1.0),
    ("hardswish_backward", "hardswish_backward", "onednn", 2.0),
    ("relu6_backward", "relu6_backward", "onednn", 2.0),      # oneDNN's clip_v2
    ("hardtanh_backward", "hardtanh_backward", "onednn", 2.0),
]
# The smooth activations' bars, at 16 Ki and 64 Mi: (rectify's kernel, the peer's kernel, peer,
# bar). The peers run at rectify's default parameters (bench_common.hpp); oneDNN and XNNPACK have
# no CELU, and their ELU at α = 1 is CELU at its default α.
SMOOTH_TARGETS = [
    ("sigmoid_forward", "sigmoid_forward", "xnnpack", 1.0),
    ("sigmoid_forward", "sigmoid_forward", "onednn", 2.0),
    ("tanh_forward", "tanh_forward", "eigen", 1.0),
    ("tanh_forward", "tanh_forward", "onednn", 2.0),
    ("silu_forward", "silu_forward", "onednn", 2.0),
    ("softplus_forward", "softplus_forward", "onednn", 2.0),
    ("mish_forward", "mish_forward", "onednn", 2.0),
    ("silu_forward", "sigmoid_forward", "rectify", 0.85),
] + [(f"{a}_{d}", f"{a}_{d}", "onednn", 2.0)
     for a in ("sigmoid", "tanh", "silu", "softplus", "mish", "celu")
     for d in ("backward", "backward_from_output")]
# GELU's bars, at 16 Ki and 64 Mi (as SMOOTH_TARGETS): an exact GELU should cost little more than
# its tanh approximation.
GELU_TARGETS = [
    ("gelu_forward", "gelu_forward", "onednn", 2.0),            # eltwise_gelu_erf
    ("gelu_tanh_forward", "gelu_tanh_forward", "onednn", 2.0),  # eltwise_gelu_tanh
    ("gelu_forward", "gelu_tanh_forward", "rectify", 0.7),
    ("gelu_backward", "gelu_backward", "onednn", 2.0),
    ("gelu_tanh_backward", "gelu_tanh_backward", "onednn", 2.0),
]
# Column order; anything else (rectify_<arch>, dynamic_<arch>) goes after `rectify`.
ORDER = ["rectify", "rectify_avx512bw", "rectify_avx512f", "rectify_fma3_avx2", "rectify_avx2",
         "rectify_sse2", "rectify_neon64", "rectify_scalar", "dynamic", "dynamic_avx512bw",
         "dynamic_avx2", "dynamic_sse2", "dynamic_neon", "dynamic_scalar", "loop", "loop_expm1", "xsimd_expm1",
         "xnnpack", "onednn", "eigen", "memcpy"]
COLOURS = {"rectify_scalar": "tab:cyan", "loop": "tab:orange", "loop_expm1": "tab:brown",
           "xsimd_expm1": "tab:pink", "xnnpack": "tab:green", "onednn": "tab:red",
           "eigen": "tab:purple"}
NAME = re.compile(r"^BM_(?P<kernel>.+)_(?P<type>f32|f64)/(?P<impl>[^/]+)/(?P<n>\d+)")


def run_benchmark(args, json_path):
    cmd = [args.binary, f"--benchmark_out={json_path}", "--benchmark_out_format=json",
           f"--benchmark_repetitions={args.repetitions}",
           f"--benchmark_min_time={args.min_time}",
           "--benchmark_enable_random_interleaving=true",
           "--benchmark_report_aggregates_only=true", "--benchmark_format=console"]
    if args.filter or not args.full:
        cmd.append(f"--benchmark_filter={args.filter or SUBSET_FILTER}")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    print("running:", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, env=env, stdout=sys.stderr)


def load(json_path):
    """{(kernel, type, n): {impl: {"items": median items/s, "bytes": median bytes/s}}}."""
    with open(json_path) as f:
        data = json.load(f)
    samples = {}
    for b in data["benchmarks"]:
        m = NAME.match(b.get("run_name", b["name"]))
        if not m or b.get("error_occurred"):
            continue
        kind = b.get("aggregate_name", "")
        if kind not in ("", "median"):
            continue
        key = (m["kernel"], m["type"], int(m["n"]))
        entry = samples.setdefault(key, {}).setdefault(m["impl"], {"items": [], "bytes": [],
                                                                   "median": None})
        if kind == "median":
            entry["median"] = (b["items_per_second"], b["bytes_per_second"])
        else:
            entry["items"].append(b["items_per_second"])
            entry["bytes"].append(b["bytes_per_second"])
    table = {}
    for key, impls in samples.items():
        for impl, e in impls.items():
            if e["median"]:
                items, bytes_ = e["median"]
            else:
                items, bytes_ = statistics.median(e["items"]), statistics.median(e["bytes"])
            table.setdefault(key, {})[impl] = {"items": items, "bytes": bytes_}
    return data.get("context", {}), table


def size_label(n):
    return f"{n >> 20} Mi" if n >= 1 << 20 else f"{n >> 10} Ki"


def column_order(impls):
    return sorted(impls, key=lambda i: (ORDER.index(i) if i in ORDER else 1, i))


def memcpy_bytes(table, typ, n):
    m = table.get(("memcpy", typ, n), {}).get("memcpy")
    return m["bytes"] if m else None


def markdown_table(table):
    kernels = sorted({(k, t) for (k, t, _) in table if k != "memcpy"})
    impls = column_order({i for v in table.values() for i in v if i != "memcpy"})
    lines = ["| kernel | size | " + " | ".join(impls) + " | memcpy | rectify ÷ memcpy |",
             "|---|---:|" + "---:|" * (len(impls) + 2)]
    for kernel, typ in kernels:
        for n in sorted(n for (k, t, n) in table if (k, t) == (kernel, typ)):
            row = table[(kernel, typ, n)]
            loop = row.get("loop", {}).get("items")
            cells = []
            for impl in impls:
                r = row.get(impl)
                if not r:
                    cells.append("—")
                    continue
                g = r["items"] / 1e9
                cells.append(f"{g:.2f} ({r['items'] / loop:.1f}×)" if loop else f"{g:.2f}")
            mc = table.get(("memcpy", typ, n), {}).get("memcpy")
            cells.append(f"{mc['items'] / 1e9:.2f}" if mc else "—")
            mb, ours = memcpy_bytes(table, typ, n), row.get("rectify")
            cells.append(f"{ours['bytes'] / mb:.2f}" if mb and ours else "—")
            lines.append(f"| {kernel} {typ} | {size_label(n)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(table):
    """The performance targets (bench/README.md), checked on this run: (description, measured, bar,
    met)."""
    out = []

    def get(kernel, typ, n, impl, what="bytes"):
        r = table.get((kernel, typ, n), {}).get(impl)
        return r[what] if r else None

    for typ in ("f32", "f64"):
        sizes = sorted({n for (k, t, n) in table if t == typ})
        hard = [f"{a}_{d}" for a in HARD.split("|") for d in ("forward", "backward")]
        for kernel in ["relu_forward", "leaky_relu_forward", "relu_backward", "leaky_relu_backward",
                       "relu_backward_from_output", "leaky_relu_backward_from_output"] + hard:
            for n in sizes:
                ours, mc = get(kernel, typ, n, "rectify"), memcpy_bytes(table, typ, n)
                if ours and mc:
                    out.append((f"{kernel} {typ} {size_label(n)}: bytes/s ÷ memcpy", ours / mc,
                                0.8))
        for kernel in ("elu_forward", "selu_forward"):
            n = 1 << 14
            ours = get(kernel, typ, n, "rectify", "items")
            for peer, bar in (("xnnpack", 1.0), ("onednn", 2.0)):
                theirs = get("elu_forward", typ, n, peer, "items")
                if ours and theirs:
                    out.append((f"{kernel} {typ} 16 Ki: ÷ {peer} elu", ours / theirs, bar))
        # A row whose rectify side (or peer) this build or run lacks is left out.
        for n in (1 << 14, 1 << 26):  # double: the subset runs 16 Ki; --full both
            if typ == "f32":
                for kernel, theirs_kernel, peer, bar in SMOOTH_TARGETS + GELU_TARGETS:
                    ours = get(kernel, typ, n, "rectify", "items")
                    theirs = get(theirs_kernel, typ, n, peer, "items")
                    if ours and theirs:
                        out.append((f"{kernel} {typ} {size_label(n)}: ÷ {peer} {theirs_kernel}",
                                    ours / theirs, bar))
            else:
                for a in SMOOTH.split("|") + GELU.split("|"):
                    ours = get(f"{a}_forward", typ, n, "rectify", "items")
                    theirs = get(f"{a}_forward", typ, n, "eigen", "items")
                    if ours and theirs:
                        out.append((f"{a}_forward {typ} {size_label(n)}: ÷ eigen", ours / theirs,
                                    2.0))
        for n in sizes:
            for kernel, theirs_kernel, peer, bar in HARD_TARGETS if typ == "f32" else []:
                ours = get(kernel, typ, n, "rectify", "items")
                theirs = get(theirs_kernel, typ, n, peer, "items")
                if ours and theirs:
                    out.append((f"{kernel} {typ} {size_label(n)}: ÷ {peer} {theirs_kernel}",
                                ours / theirs, bar))
            for a in HARD.split("|") if typ == "f64" else []:
                ours = get(f"{a}_forward", typ, n, "rectify", "items")
                theirs = get(f"{a}_forward", typ, n, "eigen", "items")
                if ours and theirs:
                    out.append((f"{a}_forward {typ} {size_label(n)}: ÷ eigen", ours / theirs, 2.0))
        for layout in ("nchw", "nhwc"):
            for direction in ("forward", "backward"):
                for n in sizes:
                    ours = get(f"prelu_{layout}_{direction}", typ, n, "rectify", "items")
                    leaky = get(f"leaky_relu_{direction}", typ, n, "rectify", "items")
                    if ours and leaky:
                        out.append((f"prelu_{layout}_{direction} {typ} {size_label(n)}: ÷ leaky",
                                    ours / leaky, 0.9))
    return [(d, v, bar, v >= bar) for d, v, bar in out]


def machine():
    model = platform.processor() or platform.machine()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return model


def chart(table, out_dir):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not found: no chart (apt install python3-matplotlib)", file=sys.stderr)
        return []
    kernels = sorted({(k, t) for (k, t, _) in table if k != "memcpy"})
    cols = 3
    rows = (len(kernels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.6 * rows), squeeze=False)
    for ax, (kernel, typ) in zip(axes.flat, kernels):
        sizes = sorted(n for (k, t, n) in table if (k, t) == (kernel, typ))
        impls = column_order({i for n in sizes for i in table[(kernel, typ, n)]})
        for impl in impls + ["memcpy"]:
            src = "memcpy" if impl == "memcpy" else kernel
            pts = [(n, table.get((src, typ, n), {}).get(impl)) for n in sizes]
            pts = [(n, r["items"] / 1e9) for n, r in pts if r]
            if not pts:
                continue
            # One colour per implementation across every panel.
            colour = COLOURS.get(impl, "tab:olive" if impl.startswith("rectify_") else "tab:gray")
            style = {"memcpy": dict(color="black", linestyle="--"),
                     "rectify": dict(color="tab:blue", linewidth=2.5)}.get(impl, dict(color=colour))
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3,
                    label=impl, **style)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_title(f"{kernel} {typ}")
        ax.set_xlabel("elements")
        ax.set_ylabel("Gelem/s")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=6)
    for ax in list(axes.flat)[len(kernels):]:
        ax.axis("off")
    fig.tight_layout()
    paths = []
    for ext in ("png", "svg"):
        path = os.path.join(out_dir, f"throughput.{ext}")
        fig.savefig(path, dpi=110)
        paths.append(path)
    return paths


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--binary", default="build/bench/rectify_bench")
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
    p.add_argument("--full", action="store_true", help="every kernel, type, size, implementation")
    p.add_argument("--filter", help="a --benchmark_filter regex instead of the default subset")
    p.add_argument("--repetitions", type=int, default=5)
    p.add_argument("--min-time", type=float, default=0.05, help="seconds per repetition")
    p.add_argument("--json", help="report an existing rectify_bench JSON instead of running")
    p.add_argument("--compiler", default="unknown")
    p.add_argument("--flags", default="unknown")
    args = p.parse_args()

    os.makedirs(args.out, exist_ok=True)
    json_path = args.json or os.path.join(args.out, "rectify_bench.json")
    if not args.json:
        run_benchmark(args, json_path)
    context, table = load(json_path)

    checks = targets(table)
    mode = "custom filter" if args.filter else ("full grid" if args.full else "default subset")
    md = [
        "# rectify benchmarks",
        "",
        f"- Machine: {machine()}, {context.get('num_cpus', '?')} CPUs, one thread used",
        f"- Date: {context.get('date', datetime.datetime.now().isoformat())}",
        f"- Compiler: {args.compiler}; flags: `{' '.join(args.flags.split())}`",
        f"- Run: {mode}, median of {args.repetitions} repetitions (randomly interleaved), "
        f"min {args.min_time} s each; inputs uniform in [-4, 4]",
        "",
        "Cells: Gelem/s (speed-up over the plain loop). `rectify ÷ memcpy`: bytes moved per "
        "second against memcpy's at the same size and type (forward moves 2n elements, "
        "backward 3n).",
        "",
        markdown_table(table),
        "",
        "## Targets, this run",
        "",
        "| target | measured | bar | |",
        "|---|---:|---:|---|",
    ]
    md += [f"| {d} | {v:.2f} | ≥ {bar} | {'met' if ok else 'MISSED'} |" for d, v, bar, ok in checks]
    images = chart(table, args.out)
    if images:
        md += ["", "![throughput](throughput.svg)"]
    text = "\n".join(md) + "\n"
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(text)
    print(text)
    print(f"wrote {os.path.join(args.out, 'results.md')} " + " ".join(images), file=sys.stderr)


if __name__ == "__main__":
    main()
