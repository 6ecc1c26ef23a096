// plot.cpp — draws every activation and its derivative on [-3, 3] as an SVG file.
//
//   plot [file.svg]      (default: activations.svg)
//
// The curves are computed by rectify itself (forward and derivative over an array of x), and the
// SVG is written by hand: a picture needs no plotting library. Four rows, each with its legend:
// the piecewise activations (ReLU to SELU), the smooth ones (sigmoid to CELU), the hard family
// (Hardswish to Hardtanh), GELU and its tanh approximation. Left: f(x), solid; right: f'(x),
// dashed; one colour per activation within a row.
#include <rectify/rectify.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int samples = 601;  // x = -3, -2.99, ..., 3: x = 0 is a sample
constexpr double x_min = -3, x_max = 3;
constexpr double panel_width = 400, panel_height = 350, margin = 50, gap = 70;
constexpr double row_height = panel_height + 150;  // a panel, its x labels, legend, note, space

struct curve {
    std::string name, colour;
    std::vector<float> y, d;  // f(x), f'(x)
};

// Where one panel is on the page and which values of y it shows, with a grid line every `step`.
struct frame {
    double left, top;
    double y_min, y_max, step;
    double px(double x) const { return left + (x - x_min) / (x_max - x_min) * panel_width; }
    double py(double y) const { return top + (y_max - y) / (y_max - y_min) * panel_height; }
};

// One SVG path through (x, y) in the panel. Where the curve jumps (ReLU's derivative at 0) the
// path lifts the pen instead of drawing a vertical line; it also starts a new subpath just after
// 0, where dashes restart, so that curves which coincide for x > 0 dash in step instead of
// blurring into a solid line.
std::string path(const std::vector<float>& x, const std::vector<float>& y, const frame& at) {
    std::ostringstream out;
    out.precision(5);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const bool jump = i > 0 && (std::abs(y[i] - y[i - 1]) > 0.2 || (x[i - 1] <= 0 && x[i] > 0));
        out << (i == 0 || jump ? 'M' : 'L') << at.px(x[i]) << ' ' << at.py(y[i]) << ' ';
    }
    return out.str();
}

// Axes, grid and tick labels of one panel.
void panel(std::ostream& svg, const frame& at, const char* title) {
    svg << "<rect x='" << at.left << "' y='" << at.top << "' width='" << panel_width
        << "' height='" << panel_height << "' fill='white' stroke='#999'/>\n";
    for (int x = -3; x <= 3; ++x) {
        svg << "<line x1='" << at.px(x) << "' y1='" << at.py(at.y_min) << "' x2='" << at.px(x)
            << "' y2='" << at.py(at.y_max) << "' stroke='" << (x == 0 ? "#555" : "#e4e4e4")
            << "'/>\n";
        svg << "<text x='" << at.px(x) << "' y='" << at.py(at.y_min) + 18
            << "' text-anchor='middle'>" << x << "</text>\n";
    }
    // Ticks by integer count, so that 0 is exactly a tick and labels print as 0.25, not 0.2500001.
    for (int k = int(std::ceil(at.y_min / at.step)); k * at.step <= at.y_max; ++k) {
        const double y = k * at.step;
        svg << "<line x1='" << at.px(x_min) << "' y1='" << at.py(y) << "' x2='" << at.px(x_max)
            << "' y2='" << at.py(y) << "' stroke='" << (k == 0 ? "#555" : "#e4e4e4") << "'/>\n";
        svg << "<text x='" << at.px(x_min) - 8 << "' y='" << at.py(y) + 5
            << "' text-anchor='end'>" << y << "</text>\n";
    }
    svg << "<text x='" << at.px(0) << "' y='" << at.top - 12
        << "' text-anchor='middle' font-size='16'>" << title << "</text>\n";
    svg << "<text x='" << at.px(x_max) << "' y='" << at.py(at.y_min) + 36
        << "' text-anchor='end'>x</text>\n";
}

std::size_t characters(const std::string& utf8) {  // for the legend's spacing
    std::size_t n = 0;
    for (unsigned char ch : utf8) n += (ch & 0xC0) != 0x80;
    return n;
}

// One row: f(x) on the left, f'(x) on the right, then a legend (one entry per activation) and
// a note under the panels.
void row(std::ostream& svg, const std::vector<float>& x, const std::vector<curve>& curves,
         const frame& f, const frame& derivative, const char* what, const char* note) {
    panel(svg, f, (std::string(what) + " f(x)").c_str());
    panel(svg, derivative, (std::string(what) + " f′(x)").c_str());
    for (const curve& c : curves) {
        svg << "<path d='" << path(x, c.y, f) << "' fill='none' stroke='" << c.colour
            << "' stroke-width='2'/>\n";
        svg << "<path d='" << path(x, c.d, derivative) << "' fill='none' stroke='" << c.colour
            << "' stroke-width='2' stroke-dasharray='7 4'/>\n";
    }
    const double legend_y = f.top + panel_height + 60;
    double legend_x = f.left;
    for (const curve& c : curves) {
        svg << "<line x1='" << legend_x << "' y1='" << legend_y - 4 << "' x2='" << legend_x + 24
            << "' y2='" << legend_y - 4 << "' stroke='" << c.colour << "' stroke-width='3'/>\n";
        svg << "<text x='" << legend_x + 30 << "' y='" << legend_y << "'>" << c.name << "</text>\n";
        legend_x += 30 + 7.0 * double(characters(c.name)) + 24;
    }
    svg << "<text x='" << f.left << "' y='" << legend_y + 22 << "' fill='#555'>" << note
        << "</text>\n";
}

const char* const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

}  // namespace

int main(int argc, char** argv) {
    const std::string file = argc > 1 ? argv[1] : "activations.svg";

    std::vector<float> x(samples);
    for (int i = 0; i < samples; ++i)
        x[i] = float(x_min + (x_max - x_min) * i / (samples - 1));
    const auto compute = [&x](const auto& f, curve& c) {
        rectify::forward(f, x.data(), c.y.data(), x.size());
        rectify::derivative(f, x.data(), c.d.data(), x.size());
    };
    const auto named = [](std::vector<std::string> names) {
        std::vector<curve> curves;
        for (std::size_t i = 0; i < names.size(); ++i)
            curves.push_back({names[i], palette[i], std::vector<float>(samples),
                              std::vector<float>(samples)});
        return curves;
    };

    std::vector<curve> piecewise = named({"ReLU", "Leaky ReLU (α = 0.1)", "PReLU (slope 0.25)",
                                          "ELU (α = 1)", "SELU"});
    compute(rectify::relu{}, piecewise[0]);
    compute(rectify::leaky_relu{0.1}, piecewise[1]);  // 0.1, not 0.01: a slope one can see
    // PReLU at PyTorch's initial slope, one shared slope ({n, 1, 1}); its derivative is the
    // backward pass of dy = 1.
    const float slope = 0.25f;
    const std::vector<float> ones(samples, 1.f);
    float dslope = 0;
    rectify::prelu_forward(x.data(), &slope, piecewise[2].y.data(), {std::size_t(samples), 1, 1});
    rectify::prelu_backward(x.data(), &slope, ones.data(), piecewise[2].d.data(), &dslope,
                            {std::size_t(samples), 1, 1});
    compute(rectify::elu{1.0}, piecewise[3]);
    compute(rectify::selu{}, piecewise[4]);

    std::vector<curve> smooth =
        named({"Sigmoid", "Tanh", "SiLU", "Softplus (β = 1)", "Mish", "CELU (α = 2)"});
    compute(rectify::sigmoid{}, smooth[0]);
    compute(rectify::tanh{}, smooth[1]);
    compute(rectify::silu{}, smooth[2]);
    compute(rectify::softplus{}, smooth[3]);
    compute(rectify::mish{}, smooth[4]);
    compute(rectify::celu{2.0}, smooth[5]);  // α = 1 is ELU, drawn above; α = 2 bends later

    std::vector<curve> hard = named({"Hardswish", "Hardsigmoid", "ReLU6", "Hardtanh (−1, 1)"});
    compute(rectify::hardswish{}, hard[0]);
    compute(rectify::hardsigmoid{}, hard[1]);
    compute(rectify::relu6{}, hard[2]);
    compute(rectify::hardtanh{}, hard[3]);

    std::vector<curve> gelus = named({"GELU", "GELU (tanh)"});
    compute(rectify::gelu{}, gelus[0]);
    compute(rectify::gelu_tanh{}, gelus[1]);
    // On [-3, 3] the approximation is within a line's width of GELU: the note says by how much.
    const auto largest_difference = [](const std::vector<float>& a, const std::vector<float>& b) {
        float d = 0;
        for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
        return d;
    };
    char gelu_note[200];
    std::snprintf(gelu_note, sizeof gelu_note,
                  "solid: f(x); dashed: f′(x), on a finer scale. On [−3, 3] the tanh form is "
                  "within %.1e of GELU, its f′ within %.1e.",
                  double(largest_difference(gelus[0].y, gelus[1].y)),
                  double(largest_difference(gelus[0].d, gelus[1].d)));

    const double right = margin + panel_width + gap, second = margin + row_height,
                 third = second + row_height, fourth = third + row_height;
    const double width = 2 * panel_width + 2 * margin + gap, height = fourth + row_height - 50;
    std::ostringstream svg;
    svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << width << "' height='" << height
        << "' viewBox='0 0 " << width << ' ' << height
        << "' font-family='sans-serif' font-size='13'>\n"
        << "<rect width='100%' height='100%' fill='white'/>\n";
    row(svg, x, piecewise, {margin, margin, -2, 3.25, 1}, {right, margin, -2, 3.25, 1},
        "piecewise:",
        "solid: f(x); dashed: f′(x), the left-side value at 0. For x &gt; 0, ReLU, Leaky ReLU, "
        "PReLU and ELU coincide: f(x) = x, f′(x) = 1.");
    // On [-3, 3] the smooth derivatives lie in [-0.12, 1.1] (Mish's minimum, SiLU's maximum): on
    // f's scale the sigmoid's (at most 1/4) would be a ripple, so f' gets a scale of its own.
    row(svg, x, smooth, {margin, second, -2, 3.25, 1}, {right, second, -0.25, 1.25, 0.25},
        "smooth:",
        "solid: f(x); dashed: f′(x), on a finer scale. Softplus′ is the sigmoid; for large x, "
        "SiLU, Softplus and Mish approach x.");
    // Hardswish' spans [-0.5, 1.5] on [-3, 3]; the kinks' values are PyTorch's (README, Semantics).
    row(svg, x, hard, {margin, third, -2, 3.25, 1}, {right, third, -0.75, 1.75, 0.25},
        "hard:",
        "solid: f(x); dashed: f′(x), on a finer scale, PyTorch's value at each kink: "
        "Hardswish′(±3) = −0.5, 1.5; the clamps′ 0 at both ends.");
    // GELU's dip (−0.17 near x = −0.75) is small on f's usual scale; f' spans [−0.13, 1.13].
    row(svg, x, gelus, {margin, fourth, -0.5, 3.25, 0.5}, {right, fourth, -0.25, 1.25, 0.25},
        "GELU:", gelu_note);
    svg << "</svg>\n";

    std::ofstream out(file);
    out << svg.str();
    out.close();
    if (!out) {
        std::fprintf(stderr, "plot: cannot write %s\n", file.c_str());
        return EXIT_FAILURE;
    }
    const std::size_t activations = piecewise.size() + smooth.size() + hard.size() + gelus.size();
    std::printf("plot: wrote %s, %zu curves (%zu activations, each with its derivative)\n",
                file.c_str(), 2 * activations, activations);
    return EXIT_SUCCESS;
}
