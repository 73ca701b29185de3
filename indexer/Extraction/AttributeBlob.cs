using System.Buffers.Binary;
using System.Text;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Reads a custom attribute's value blob (ECMA-335 II.23.3) directly. Cecil decodes arguments only after
/// resolving enum argument types in other assemblies; when that fails it leaves the arguments empty
/// (<c>IsResolved == false</c>). The attributes ApiTruth reads have fixed, known argument types, so reading
/// the blob needs no resolution at all and cannot come back empty.
/// </summary>
internal ref struct AttributeBlob
{
    private readonly ReadOnlySpan<byte> _blob;
    private int _position;

    public AttributeBlob(ReadOnlySpan<byte> blob)
    {
        _blob = blob;
        _position = 0;
        IsValid = blob.Length >= 2 && blob[0] == 0x01 && blob[1] == 0x00;
        if (IsValid) _position = 2;
    }

    /// <summary>The blob starts with the 0x0001 prolog.</summary>
    public bool IsValid { get; private set; }

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (!IsValid || _position + 1 > _blob.Length) return Fail();
        value = _blob[_position++];
        return true;
    }

    public bool TryReadBoolean(out bool value)
    {
        var ok = TryReadByte(out var b);
        value = b != 0;
        return ok;
    }

    public bool TryReadInt32(out int value)
    {
        value = 0;
        if (!IsValid || _position + 4 > _blob.Length) return Fail();
        value = BinaryPrimitives.ReadInt32LittleEndian(_blob[_position..]);
        _position += 4;
        return true;
    }

    public bool TryReadInt64(out long value)
    {
        value = 0;
        if (!IsValid || _position + 8 > _blob.Length) return Fail();
        value = BinaryPrimitives.ReadInt64LittleEndian(_blob[_position..]);
        _position += 8;
        return true;
    }

    /// <summary>A SerString: packed length then UTF-8; 0xFF is null.</summary>
    public bool TryReadString(out string? value)
    {
        value = null;
        if (!IsValid || _position >= _blob.Length) return Fail();
        if (_blob[_position] == 0xFF)
        {
            _position++;
            return true;
        }
        if (!TryReadPackedLength(out var length) || _position + length > _blob.Length) return Fail();
        value = Encoding.UTF8.GetString(_blob.Slice(_position, length));
        _position += length;
        return true;
    }

    /// <summary>
    /// Reads named arguments whose values are strings or booleans and reports them; stops quietly at the first
    /// argument of another type (what follows it cannot be located without knowing that type's size).
    /// </summary>
    public void ReadNamedStringArguments(Action<string, string?> onString)
    {
        if (!IsValid || _position + 2 > _blob.Length) return;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(_blob[_position..]);
        _position += 2;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadByte(out var kind) || kind is not (0x53 or 0x54)) return;
            if (!TryReadByte(out var elementType)) return;
            if (!TryReadString(out var name) || name is null) return;
            switch (elementType)
            {
                case 0x0E when TryReadString(out var text):
                    onString(name, text);
                    break;
                case 0x02 when TryReadBoolean(out _):
                    break;
                default:
                    return;
            }
        }
    }

    private bool TryReadPackedLength(out int length)
    {
        length = 0;
        var first = _blob[_position];
        if ((first & 0x80) == 0)
        {
            length = first;
            _position += 1;
            return true;
        }
        if ((first & 0xC0) == 0x80)
        {
            if (_position + 2 > _blob.Length) return false;
            length = ((first & 0x3F) << 8) | _blob[_position + 1];
            _position += 2;
            return true;
        }
        if ((first & 0xE0) == 0xC0)
        {
            if (_position + 4 > _blob.Length) return false;
            length = ((first & 0x1F) << 24) | (_blob[_position + 1] << 16) | (_blob[_position + 2] << 8) | _blob[_position + 3];
            _position += 4;
            return true;
        }
        return false;
    }

    private bool Fail()
    {
        IsValid = false;
        return false;
    }
}
