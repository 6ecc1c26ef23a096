// mlp.cpp — a two-layer perceptron (2 → 64 → 1) trained with SGD on the two-moons data set,
// once per activation, to show what the activations are for:
//
//   * the non-linearity is what lets the network bend its boundary around the moons: the same
//     network with the identity as activation (leaky_relu{1.0}) stays below 90%;
//   * with a large learning rate, ReLU units die: one big step pushes a unit's pre-activation
//     below zero for every input, its gradient is then exactly 0, and it never comes back.
//     Leaky ReLU, ELU and SELU have a non-zero gradient for x < 0, so such a unit keeps learning;
//     PReLU too, unless it learns a slope of 0 and so becomes a ReLU (a few do);
//   * SiLU, Mish, GELU, tanh and the sigmoid are smooth: for x < 0 their gradient shrinks
//     towards 0 but reaches it only far out (SiLU's is about x·e^x, GELU's x·e^(−x²/2)/√(2π), which
//     falls faster), so a unit that one big step pushed below zero for every input ("inactive")
//     still learns. The sigmoid, whose slope is at most 1/4 and whose output is never centred on
//     0, learns slowest at the normal rate.
//
// The hidden layer's activation, forward and backward, is rectify's array functions; the rest is
// plain loops, short enough to read. The data is generated from a fixed seed: no files.
// The last lines check three of the claims; the exit status says whether they held.
#include <rectify/rectify.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <vector>

namespace {

// ---- data -----------------------------------------------------------------------------------
// A tiny generator of our own (splitmix64): std::normal_distribution differs between standard
// libraries, and the data set should be the same on every platform.
struct random_source {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1p-53; }  // [0, 1)
    double normal() {                                           // Box–Muller
        const double pi = 3.14159265358979323846;
        return std::sqrt(-2 * std::log(1 - uniform())) * std::cos(2 * pi * uniform());
    }
};

struct data_set {
    std::vector<float> x;      // n × 2, row-major
    std::vector<float> label;  // 0 or 1
    std::size_t size() const { return label.size(); }
};

// Two interleaving half circles with Gaussian noise, centred and scaled to about [-1, 1]. No
// straight line separates them: a network without a non-linearity tops out near 88%.
data_set make_moons(std::size_t n, double noise, random_source& rng) {
    const double pi = 3.14159265358979323846;
    data_set d;
    for (std::size_t i = 0; i < n; ++i) {
        const int c = int(i % 2);
        const double t = pi * rng.uniform();
        const double u = c == 0 ? std::cos(t) : 1 - std::cos(t);
        const double v = c == 0 ? std::sin(t) : 0.5 - std::sin(t);
        d.x.push_back(float((u - 0.5 + noise * rng.normal()) / 1.2));
        d.x.push_back(float((v - 0.25 + noise * rng.normal()) / 0.8));
        d.label.push_back(float(c));
    }
    return d;
}

// ---- the network --------------------------------------------------------------------------
constexpr std::size_t hidden = 64;

// Every parameter in one array, so that the gradient has the same layout and one loop clips and
// applies it: w1 (hidden × 2), b1, w2, PReLU's slopes (hidden each; unused by the others), b2.
constexpr std::size_t W1 = 0, B1 = 2 * hidden, W2 = 3 * hidden, SLOPES = 4 * hidden,
                      B2 = 5 * hidden, parameter_count = 5 * hidden + 1;

std::vector<float> initial_parameters(random_source& rng) {
    std::vector<float> p(parameter_count, 0.f);
    // He initialisation: keeps the variance of ReLU-like layers about constant.
    for (std::size_t i = 0; i < 2 * hidden; ++i) p[W1 + i] = float(rng.normal());
    for (std::size_t j = 0; j < hidden; ++j) p[W2 + j] = float(rng.normal() * std::sqrt(2.0 / hidden));
    for (std::size_t j = 0; j < hidden; ++j) p[SLOPES + j] = 0.25f;  // PyTorch's initial slope
    return p;
}

// PReLU is not a functor like the others: its slopes are parameters, learned with the rest.
struct prelu {};

// The activation over the hidden layer, z and h laid out [sample][unit]. The unit is PReLU's
// channel and the innermost axis, so the shape is the NHWC-like {samples, hidden, 1}.
template <class F>
void activate(const F& f, const float*, const float* z, float* h, std::size_t rows) {
    rectify::forward(f, z, h, rows * hidden);
}
void activate(prelu, const float* p, const float* z, float* h, std::size_t rows) {
    rectify::prelu_forward(z, p + SLOPES, h, rectify::channel_shape{rows, hidden, 1});
}
// dz = dh · f'(z); PReLU also writes the gradient of its slopes.
template <class F>
void activate_backward(const F& f, const float*, const float* z, const float* dh, float* dz,
                       float* /*dslopes*/, std::size_t rows) {
    rectify::backward(f, z, dh, dz, rows * hidden);
}
void activate_backward(prelu, const float* p, const float* z, const float* dh, float* dz,
                       float* dslopes, std::size_t rows) {
    rectify::prelu_backward(z, p + SLOPES, dh, dz, dslopes, rectify::channel_shape{rows, hidden, 1});
}

// z = W1·x + b1, h = f(z), logit = w2·h + b2 for `rows` samples.
template <class F>
void forward_pass(const F& f, const float* p, const float* x, std::size_t rows, float* z,
                  float* h, float* logit) {
    for (std::size_t s = 0; s < rows; ++s)
        for (std::size_t j = 0; j < hidden; ++j)
            z[s * hidden + j] =
                p[W1 + 2 * j] * x[2 * s] + p[W1 + 2 * j + 1] * x[2 * s + 1] + p[B1 + j];
    activate(f, p, z, h, rows);
    for (std::size_t s = 0; s < rows; ++s) {
        float o = p[B2];
        for (std::size_t j = 0; j < hidden; ++j) o += p[W2 + j] * h[s * hidden + j];
        logit[s] = o;
    }
}

struct result {
    double loss, accuracy, inactive, dead;
};

// Loss and accuracy over the whole data set, and two shares of the hidden units:
//   inactive: z ≤ 0 for every input — the unit never enters its linear part;
//   dead:     f'(z) < 1e-4 for every input — (almost) no gradient reaches the unit's weights,
//             so training cannot bring it back. For ReLU the two are the same thing.
template <class F>
result evaluate(const F& f, const float* p, const data_set& d) {
    const std::size_t n = d.size();
    std::vector<float> z(n * hidden), h(n * hidden), logit(n);
    forward_pass(f, p, d.x.data(), n, z.data(), h.data(), logit.data());
    // f'(z) is the backward pass of an all-ones gradient.
    std::vector<float> ones(n * hidden, 1.f), slope(n * hidden), unused(hidden);
    activate_backward(f, p, z.data(), ones.data(), slope.data(), unused.data(), n);

    std::vector<bool> active(hidden, false), alive(hidden, false);
    for (std::size_t k = 0; k < n * hidden; ++k) {
        active[k % hidden] = active[k % hidden] || z[k] > 0;
        alive[k % hidden] = alive[k % hidden] || std::abs(slope[k]) >= 1e-4f;
    }
    double loss = 0;
    std::size_t correct = 0;
    for (std::size_t s = 0; s < n; ++s) {
        // Binary cross-entropy from the logit, log(1 + e^-t), in a form that cannot overflow.
        const double t = d.label[s] > 0.5f ? logit[s] : -logit[s];
        loss += std::log1p(std::exp(-std::abs(t))) - std::min(t, 0.0);
        correct += t > 0;
    }
    const auto share = [](const std::vector<bool>& v) {
        return double(std::count(v.begin(), v.end(), false)) / double(v.size());
    };
    return {loss / double(n), double(correct) / double(n), share(active), share(alive)};
}

// Mini-batch SGD on binary cross-entropy, with the gradient's norm clipped to 1 as
// torch.nn.utils.clip_grad_norm_ does: without it a large learning rate makes every activation
// diverge sooner or later; with it, a step is at most `learning_rate` long — long enough to push
// a ReLU unit below zero for good.
template <class F>
result train(const F& f, const data_set& d, float learning_rate, int epochs, std::uint64_t seed) {
    random_source rng{seed};
    std::vector<float> p = initial_parameters(rng), grad(parameter_count);

    constexpr std::size_t batch = 32;
    constexpr double clip = 1;
    // PReLU's slopes learn 100× slower: a slope multiplies every negative pre-activation of its
    // unit, so the loss is far steeper along it than along one weight, and at the large rate
    // full-size steps throw the slopes (and then the whole network) off.
    constexpr float slope_rate = 0.01f;
    std::vector<float> xb(2 * batch), yb(batch), z(batch * hidden), h(batch * hidden),
        logit(batch), dh(batch * hidden), dz(batch * hidden);
    std::vector<std::size_t> order(d.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;

    for (int epoch = 0; epoch < epochs; ++epoch) {
        for (std::size_t i = order.size() - 1; i > 0; --i)  // shuffle (Fisher–Yates)
            std::swap(order[i], order[rng.next() % (i + 1)]);
        for (std::size_t start = 0; start + batch <= order.size(); start += batch) {
            for (std::size_t s = 0; s < batch; ++s) {
                const std::size_t k = order[start + s];
                xb[2 * s] = d.x[2 * k];
                xb[2 * s + 1] = d.x[2 * k + 1];
                yb[s] = d.label[k];
            }
            forward_pass(f, p.data(), xb.data(), batch, z.data(), h.data(), logit.data());

            // Backward. d loss / d logit = sigmoid(logit) − label, averaged over the batch.
            std::fill(grad.begin(), grad.end(), 0.f);
            for (std::size_t s = 0; s < batch; ++s) {
                const float dlogit = (1 / (1 + std::exp(-logit[s])) - yb[s]) / float(batch);
                grad[B2] += dlogit;
                for (std::size_t j = 0; j < hidden; ++j) {
                    grad[W2 + j] += dlogit * h[s * hidden + j];
                    dh[s * hidden + j] = dlogit * p[W2 + j];
                }
            }
            activate_backward(f, p.data(), z.data(), dh.data(), dz.data(), &grad[SLOPES], batch);
            for (std::size_t s = 0; s < batch; ++s)
                for (std::size_t j = 0; j < hidden; ++j) {
                    const float g = dz[s * hidden + j];
                    grad[W1 + 2 * j] += g * xb[2 * s];
                    grad[W1 + 2 * j + 1] += g * xb[2 * s + 1];
                    grad[B1 + j] += g;
                }

            double norm = 0;
            for (float g : grad) norm += double(g) * g;
            norm = std::sqrt(norm);
            const float step = learning_rate * float(norm > clip ? clip / norm : 1.0);
            for (std::size_t i = 0; i < parameter_count; ++i)
                p[i] -= (i >= SLOPES && i < B2 ? step * slope_rate : step) * grad[i];
        }
    }
    return evaluate(f, p.data(), d);
}

}  // namespace

int main() {
    const auto started = std::chrono::steady_clock::now();
    random_source data_rng{2024};
    const data_set d = make_moons(512, 0.12, data_rng);
    constexpr int epochs = 100;
    constexpr float normal_rate = 0.5f, large_rate = 16;
    constexpr std::uint64_t seed = 1;  // the same initial weights and batches for every run

    std::printf("two moons, %zu points; %d-%zu-1 network; SGD, batch 32, %d epochs; rectify on %s\n",
                d.size(), 2, hidden, epochs, rectify::arch_name());
    std::printf("inactive: z <= 0 on every input; dead: f'(z) < 1e-4 on every input\n\n");
    std::printf("%-10s %6s %8s %9s %9s %6s\n", "activation", "lr", "loss", "accuracy", "inactive",
                "dead");
    const auto run = [&](const char* name, const auto& f, float rate) {
        const result r = train(f, d, rate, epochs, seed);
        std::printf("%-10s %6.1f %8.4f %8.1f%% %8.0f%% %5.0f%%\n", name, rate, r.loss,
                    100 * r.accuracy, 100 * r.inactive, 100 * r.dead);
        return r;
    };
    run("identity", rectify::leaky_relu{1.0}, normal_rate);  // a linear network, for comparison
    result elu[2] = {}, silu[2] = {}, mish[2] = {}, gelu[2] = {}, relu_large = {}, leaky_large = {};
    for (float rate : {normal_rate, large_rate}) {
        const result relu = run("relu", rectify::relu{}, rate);
        const result leaky = run("leaky_relu", rectify::leaky_relu{0.01}, rate);
        run("prelu", prelu{}, rate);
        elu[rate == large_rate] = run("elu", rectify::elu{1.0}, rate);
        run("selu", rectify::selu{}, rate);
        silu[rate == large_rate] = run("silu", rectify::silu{}, rate);
        mish[rate == large_rate] = run("mish", rectify::mish{}, rate);
        gelu[rate == large_rate] = run("gelu", rectify::gelu{}, rate);
        run("gelu_tanh", rectify::gelu_tanh{}, rate);
        run("tanh", rectify::tanh{}, rate);
        run("sigmoid", rectify::sigmoid{}, rate);
        if (rate == large_rate) relu_large = relu, leaky_large = leaky;
    }

    // The claims, as lines a test can read; the exit status is what CI checks.
    bool ok = true;
    const auto check = [&ok](bool passed, const char* what) {
        std::printf("check: %s: %s\n", what, passed ? "PASS" : "FAIL");
        ok = ok && passed;
    };
    std::printf("\n");
    check(elu[0].accuracy >= 0.95 && elu[1].accuracy >= 0.95, "ELU accuracy >= 95% at both rates");
    check(silu[0].accuracy >= 0.95 && silu[1].accuracy >= 0.95 && mish[0].accuracy >= 0.95 &&
              mish[1].accuracy >= 0.95,
          "SiLU and Mish accuracy >= 95% at both rates");
    check(gelu[0].accuracy >= 0.95 && gelu[1].accuracy >= 0.95, "GELU accuracy >= 95% at both rates");
    check(relu_large.dead > leaky_large.dead,
          "at the large rate ReLU ends with more dead units than Leaky ReLU");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s (%.2f s)\n", ok ? "mlp: all checks passed" : "mlp: a check FAILED", seconds);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
