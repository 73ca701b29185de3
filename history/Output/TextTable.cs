namespace ApiTruth.History.Output;

/// <summary>Left-aligned columns sized to their widest cell; the last column is not padded.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter writer, string indent)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
            for (var i = 0; i < row.Length && i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        foreach (var row in _rows.Prepend(headers))
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            writer.WriteLine((indent + string.Join("  ", cells)).TrimEnd());
        }
    }
}
