using System.Text;

namespace ApiTruth.Cli.HandOff;

/// <summary>Standard input read whole, kept as bytes (for a hand-off) and read as text the way <c>Console.In</c> reads it.</summary>
internal sealed class StdinBytes
{
    private StdinBytes(byte[] bytes)
    {
        Bytes = bytes;
        // Console.In decodes with the input encoding and keeps a byte-order mark as text; so does this reader.
        var encoding = Console.InputEncoding is UTF8Encoding ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Console.InputEncoding;
        Reader = new StreamReader(new MemoryStream(bytes, writable: false), encoding, detectEncodingFromByteOrderMarks: false);
    }

    public byte[] Bytes { get; }

    public TextReader Reader { get; }

    public static StdinBytes Read()
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return new StdinBytes(buffer.ToArray());
    }
}
