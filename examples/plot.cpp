// plot.cpp — draws every activation and its derivative on [-3, 3] as an SVG file.
//
//   plot [file.svg]      (default: activations.svg)
//
// The curves are computed by rectify itself (forward and derivative over an array of x), and the
// SVG is written by hand: a picture needs no plotting library. Left: f(x), solid; right: f'(x),
// dashed; one colour per activation.
#include <rectify/rectify.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int samples = 601;  // x = -3, -2.99, ..., 3: x = 0 is a sample
constexpr double x_min = -3, x_max = 3, y_min = -2, y_max = 3.25;
constexpr double panel_width = 400, panel_height = 350, margin = 50, gap = 70;

struct curve {
    std::string name, colour;
    std::vector<float> y, d;  // f(x), f'(x)
};

// One SVG path through (x, y) in the panel whose left edge is at `left`. Where the curve jumps
// (ReLU's derivative at 0) the path lifts the pen instead of drawing a vertical line; it also
// starts a new subpath just after 0, where dashes restart, so that curves which coincide for
// x > 0 dash in step instead of blurring into a solid line.
std::string path(const std::vector<float>& x, const std::vector<float>& y, double left) {
    std::ostringstream out;
    out.precision(5);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double px = left + (x[i] - x_min) / (x_max - x_min) * panel_width;
        const double py = margin + (y_max - y[i]) / (y_max - y_min) * panel_height;
        const bool jump = i > 0 && (std::abs(y[i] - y[i - 1]) > 0.2 || (x[i - 1] <= 0 && x[i] > 0));
        out << (i == 0 || jump ? 'M' : 'L') << px << ' ' << py << ' ';
    }
    return out.str();
}

// Axes, grid and tick labels of one panel.
void panel(std::ostream& svg, double left, const char* title) {
    const auto px = [left](double x) { return left + (x - x_min) / (x_max - x_min) * panel_width; };
    const auto py = [](double y) { return margin + (y_max - y) / (y_max - y_min) * panel_height; };
    svg << "<rect x='" << left << "' y='" << margin << "' width='" << panel_width << "' height='"
        << panel_height << "' fill='white' stroke='#999'/>\n";
    for (int x = -3; x <= 3; ++x) {
        svg << "<line x1='" << px(x) << "' y1='" << py(y_min) << "' x2='" << px(x) << "' y2='"
            << py(y_max) << "' stroke='" << (x == 0 ? "#555" : "#e4e4e4") << "'/>\n";
        svg << "<text x='" << px(x) << "' y='" << py(y_min) + 18 << "' text-anchor='middle'>" << x
            << "</text>\n";
    }
    for (int y = -2; y <= 3; ++y) {
        svg << "<line x1='" << px(x_min) << "' y1='" << py(y) << "' x2='" << px(x_max) << "' y2='"
            << py(y) << "' stroke='" << (y == 0 ? "#555" : "#e4e4e4") << "'/>\n";
        svg << "<text x='" << px(x_min) - 8 << "' y='" << py(y) + 5 << "' text-anchor='end'>" << y
            << "</text>\n";
    }
    svg << "<text x='" << px(0) << "' y='" << margin - 12
        << "' text-anchor='middle' font-size='16'>" << title << "</text>\n";
    svg << "<text x='" << px(x_max) << "' y='" << py(y_min) + 36 << "' text-anchor='end'>x</text>\n";
}

std::size_t characters(const std::string& utf8) {  // for the legend's spacing
    std::size_t n = 0;
    for (unsigned char ch : utf8) n += (ch & 0xC0) != 0x80;
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string file = argc > 1 ? argv[1] : "activations.svg";

    std::vector<float> x(samples);
    for (int i = 0; i < samples; ++i)
        x[i] = float(x_min + (x_max - x_min) * i / (samples - 1));

    std::vector<curve> curves = {{"ReLU", "#1f77b4", {}, {}},
                                 {"Leaky ReLU (α = 0.1)", "#ff7f0e", {}, {}},
                                 {"PReLU (slope 0.25)", "#2ca02c", {}, {}},
                                 {"ELU (α = 1)", "#d62728", {}, {}},
                                 {"SELU", "#9467bd", {}, {}}};
    for (curve& c : curves) c.y.resize(samples), c.d.resize(samples);
    const auto compute = [&x](const auto& f, curve& c) {
        rectify::forward(f, x.data(), c.y.data(), x.size());
        rectify::derivative(f, x.data(), c.d.data(), x.size());
    };
    compute(rectify::relu{}, curves[0]);
    compute(rectify::leaky_relu{0.1}, curves[1]);  // 0.1, not 0.01: a slope one can see
    // PReLU at PyTorch's initial slope, one shared slope ({n, 1, 1}); its derivative is the
    // backward pass of dy = 1.
    const float slope = 0.25f;
    const std::vector<float> ones(samples, 1.f);
    float dslope = 0;
    rectify::prelu_forward(x.data(), &slope, curves[2].y.data(), {std::size_t(samples), 1, 1});
    rectify::prelu_backward(x.data(), &slope, ones.data(), curves[2].d.data(), &dslope,
                            {std::size_t(samples), 1, 1});
    compute(rectify::elu{1.0}, curves[3]);
    compute(rectify::selu{}, curves[4]);

    const double width = 2 * panel_width + 2 * margin + gap, height = panel_height + 2 * margin + 60;
    std::ostringstream svg;
    svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << width << "' height='" << height
        << "' viewBox='0 0 " << width << ' ' << height
        << "' font-family='sans-serif' font-size='13'>\n"
        << "<rect width='100%' height='100%' fill='white'/>\n";
    const double right = margin + panel_width + gap;
    panel(svg, margin, "activation f(x)");
    panel(svg, right, "derivative f′(x)");
    for (const curve& c : curves) {
        svg << "<path d='" << path(x, c.y, margin) << "' fill='none' stroke='" << c.colour
            << "' stroke-width='2'/>\n";
        svg << "<path d='" << path(x, c.d, right) << "' fill='none' stroke='" << c.colour
            << "' stroke-width='2' stroke-dasharray='7 4'/>\n";
    }
    // Legend: one entry per activation, in a row under the panels.
    const double legend_y = margin + panel_height + 60;
    double legend_x = margin;
    for (const curve& c : curves) {
        svg << "<line x1='" << legend_x << "' y1='" << legend_y - 4 << "' x2='" << legend_x + 24
            << "' y2='" << legend_y - 4 << "' stroke='" << c.colour << "' stroke-width='3'/>\n";
        svg << "<text x='" << legend_x + 30 << "' y='" << legend_y << "'>" << c.name << "</text>\n";
        legend_x += 30 + 7.0 * double(characters(c.name)) + 24;
    }
    svg << "<text x='" << margin << "' y='" << legend_y + 22
        << "' fill='#555'>solid: f(x); dashed: f′(x), the left-side value at 0. For x &gt; 0, "
           "ReLU, Leaky ReLU, PReLU and ELU coincide: f(x) = x, f′(x) = 1.</text>\n";
    svg << "</svg>\n";

    std::ofstream out(file);
    out << svg.str();
    out.close();
    if (!out) {
        std::fprintf(stderr, "plot: cannot write %s\n", file.c_str());
        return EXIT_FAILURE;
    }
    std::printf("plot: wrote %s, %zu curves (%zu activations, each with its derivative)\n",
                file.c_str(), 2 * curves.size(), curves.size());
    return EXIT_SUCCESS;
}
