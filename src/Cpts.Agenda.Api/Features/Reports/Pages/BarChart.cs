using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Cpts.Agenda.Api.Features.Reports.Pages;

/// <summary>
/// A bar chart drawn on the server as inline SVG (no script, no library, nothing fetched): grouped or
/// stacked bars per category, a labelled y axis, and role="img" with a title and description that say
/// what it shows. The page puts the same figures in a table beside it.
/// </summary>
public static class BarChart
{
    private const int Width = 720, Height = 260, Left = 48, Right = 12, Top = 12, Bottom = 36;

    public static MarkupString Render(string id, string title, string description, IReadOnlyList<string> categories,
        IReadOnlyList<ChartSeries> series, bool stacked = false)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = categories.Count == 0 ? 0 : Enumerable.Range(0, categories.Count)
            .Select(i => stacked ? series.Sum(s => s.Values[i]) : series.Max(s => s.Values[i])).DefaultIfEmpty(0).Max();
        var top = NiceCeiling(max);
        var (plotW, plotH) = (Width - Left - Right, Height - Top - Bottom);
        double Y(double value) => Top + plotH - value / top * plotH;

        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"{id}-titre {id}-desc\">");
        svg.Append(inv, $"<title id=\"{id}-titre\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");
        // The y axis: five gridlines with their values.
        for (var step = 0; step <= 4; step++)
        {
            var value = top * step / 4.0;
            var y = Y(value);
            svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#c9d1d9\" stroke-width=\"1\"/>");
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">{value.ToString("0.#", inv)}</text>");
        }
        var group = categories.Count == 0 ? 0 : (double)plotW / categories.Count;
        var barWidth = stacked ? group * 0.6 : group * 0.8 / Math.Max(1, series.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            var x0 = Left + group * i + (stacked ? group * 0.2 : group * 0.1);
            double stackedBase = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                var (from, to) = stacked ? (stackedBase, stackedBase + value) : (0, value);
                stackedBase = to;
                var x = stacked ? x0 : x0 + barWidth * s;
                var (yTop, yBottom) = (Y(to), Y(from));
                svg.Append(inv, $"<rect x=\"{x:0.#}\" y=\"{yTop:0.#}\" width=\"{Math.Max(1, barWidth - 1):0.#}\" height=\"{Math.Max(0, yBottom - yTop):0.#}\" fill=\"{series[s].Color}\" stroke=\"#1b1f24\" stroke-width=\"0.5\">");
                svg.Append(inv, $"<title>{Encode($"{categories[i]} · {series[s].Name} : {value}")}</title></rect>");
            }
            svg.Append(inv, $"<text x=\"{Left + group * (i + 0.5):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f24\">{Encode(categories[i])}</text>");
        }
        svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" stroke=\"#1b1f24\" stroke-width=\"1\"/>");
        svg.Append("</svg>");
        return new MarkupString(svg.ToString());
    }

    /// <summary>1, 2, 5 × 10ⁿ at or above the value (at least 4, so that four gridlines fall on whole numbers).</summary>
    public static double NiceCeiling(long value)
    {
        if (value <= 4) return 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var f in new[] { 1.0, 2.0, 4.0, 5.0, 10.0 })
        {
            if (f * magnitude >= value && f * magnitude / 4 == Math.Floor(f * magnitude / 4)) return f * magnitude;
        }
        return 10 * magnitude;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
