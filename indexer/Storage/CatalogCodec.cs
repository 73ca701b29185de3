using System.Text;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>One catalog segment as stored: the names it introduced, its keys (scopes + each record's name), its record blocks.</summary>
internal sealed record EncodedSegment(byte[]? Names, byte[] Keys, byte[] Data, IReadOnlyList<string> NewNames);

/// <summary>
/// Serialises API variants into a catalog segment (format 3). Records are sorted by doc ID. A doc ID is split into its
/// container (<c>M:System.Linq.Enumerable</c>, front-coded), its simple name (a number in the package's
/// <see cref="CatalogNames"/>, else text) and the rest (arity, parameter list). The names go to the segment's keys,
/// Brotli-compressed on their own, so a lookup by name reads the keys and then decompresses only the blocks of
/// <see cref="BlockSize"/> records that hold a match. Inside a block every fact is a column of its own (columns of
/// like values compress far better than interleaved records); facts the doc ID already spells are not written again,
/// and the display signature is stored as its difference from <see cref="DisplayTemplate.Rebuild"/>'s.
/// </summary>
internal static class CatalogCodec
{
    public const byte FormatVersion = 3;
    public const int BlockSize = 16384;

    private const byte DeclaringTypeFromDocId = 1;
    private const byte ParameterTypesFromDocId = 2;
    private const byte ReturnTypeIsContainer = 4;
    private const byte PrefixNotFromKind = 8;

    /// <summary>The order records are stored in: by doc ID, so neighbours share their container and are of one kind.</summary>
    public static List<ApiRecord> InStorageOrder(IEnumerable<ApiRecord> records) =>
        records.OrderBy(r => r.DocId, StringComparer.Ordinal).ThenBy(r => r.Display, StringComparer.Ordinal).ToList();

    public static EncodedSegment Encode(IReadOnlyList<ApiRecord> records, CatalogNames names, SegmentScopes scopes)
    {
        var newNames = records.Select(CatalogNames.ListedName).OfType<string>().Where(n => !names.Contains(n))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        names.Append(newNames);

        using var keys = new MemoryStream(records.Count * 3);
        keys.WriteByte(FormatVersion);
        VarInt.Write(keys, (uint)records.Count);
        scopes.Write(keys);
        var parts = new DocIdParts[records.Count];
        var previousId = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var part = parts[i] = DocIdParts.Of(records[i].DocId);
            if (names.TryGetId(part.Name, out var id))
            {
                // Names are numbered in sorted order and a type's members follow in sorted order: the step from the
                // previous record's number is small and positive far more often than the number itself is small.
                VarInt.Write(keys, ZigZag(id - previousId) + 1);
                previousId = id;
            }
            else
            {
                VarInt.Write(keys, 0);
                ColumnText.Write(keys, part.Name);
            }
        }

        var blocks = new List<byte[]>();
        for (var start = 0; start < records.Count; start += BlockSize)
            blocks.Add(EncodeBlock(records, parts, start, Math.Min(BlockSize, records.Count - start), scopes));
        using var data = new MemoryStream(blocks.Sum(b => b.Length) + 16);
        VarInt.Write(data, (uint)BlockSize);
        VarInt.Write(data, (uint)blocks.Count);
        foreach (var block in blocks) VarInt.Write(data, (uint)block.Length);
        foreach (var block in blocks) data.Write(block);

        return new EncodedSegment(CatalogNames.Encode(newNames), Compression.Compress(keys.GetBuffer().AsSpan(0, (int)keys.Length)), data.ToArray(), newNames);
    }

    private static byte[] EncodeBlock(IReadOnlyList<ApiRecord> records, DocIdParts[] parts, int start, int count, SegmentScopes scopes)
    {
        var columns = new BlockColumns();
        var previousContainer = "";
        for (var i = start; i < start + count; i++)
        {
            var record = records[i];
            var part = parts[i];
            // 0: the previous record's container; else the shared prefix length + 1 and the rest.
            if (i > start && part.Container == previousContainer)
            {
                VarInt.Write(columns[Column.Container], 0);
            }
            else
            {
                var shared = part.Container.AsSpan().CommonPrefixLength(previousContainer);
                VarInt.Write(columns[Column.Container], (uint)shared + 1);
                ColumnText.Write(columns[Column.Container], part.Container.AsSpan(shared));
                previousContainer = part.Container;
            }
            ColumnText.Write(columns[Column.Rest], part.Rest);
            columns[Column.Kind].WriteByte((byte)record.Kind);
            VarInt.Write(columns[Column.Flags], (uint)record.Flags);

            var parameters = record.Parameters;
            var derived = (record.DeclaringType is not null && record.DeclaringType == DocIds.ContainingType(record.DocId) ? DeclaringTypeFromDocId : 0)
                | (parameters is { Count: > 0 } && DocIds.ParameterTypes(part.Rest).SequenceEqual(parameters.Select(p => p.Type)) ? ParameterTypesFromDocId : 0)
                | (record.ReturnType is not null && record.ReturnType == part.Container ? ReturnTypeIsContainer : 0)
                | (part.Prefix != DocIdParts.PrefixOf(record.Kind) ? PrefixNotFromKind : 0);
            columns[Column.Derived].WriteByte((byte)derived);
            if ((derived & PrefixNotFromKind) != 0) columns[Column.Derived].WriteByte((byte)part.Prefix);
            if ((derived & DeclaringTypeFromDocId) == 0) ColumnText.WriteNullable(columns[Column.DeclaringType], record.DeclaringType);
            if ((derived & ReturnTypeIsContainer) == 0) ColumnText.WriteNullable(columns[Column.ReturnType], record.ReturnType);

            string[]? methodNames = null;
            if (!record.Kind.IsType() && record.GenericArity > 0)
            {
                methodNames = MethodGenericNames(record, scopes);
                ColumnText.Write(columns[Column.MethodGenerics], methodNames is null ? "" : string.Join(',', methodNames));
            }
            var rebuilt = DisplayTemplate.Rebuild(record.DocId, record.Kind, record.Flags, record.ReturnType, parameters, methodNames, scopes);
            WriteDisplayDifference(columns[Column.Display], record.Display, rebuilt);

            if (parameters is null)
            {
                VarInt.Write(columns[Column.ParameterCount], 0);
            }
            else
            {
                // With the types taken from the doc ID, so is the count.
                if ((derived & ParameterTypesFromDocId) == 0) VarInt.Write(columns[Column.ParameterCount], (uint)parameters.Count + 1);
                foreach (var p in parameters)
                {
                    ColumnText.Write(columns[Column.ParameterName], p.Name);
                    if ((derived & ParameterTypesFromDocId) == 0) ColumnText.Write(columns[Column.ParameterType], p.Type);
                    columns[Column.ParameterBits].WriteByte((byte)((byte)p.Modifier | (p.IsOptional ? 8 : 0) | (p.IsParams ? 16 : 0)));
                    if (p.IsOptional) ColumnText.WriteNullable(columns[Column.ParameterDefault], p.DefaultValue);
                }
            }
            VarInt.Write(columns[Column.Arity], (uint)record.GenericArity);
            ColumnText.WriteNullable(columns[Column.Constraints], record.GenericConstraints);
            ColumnText.WriteNullable(columns[Column.ExtendedType], record.ExtendedType);
            ColumnText.WriteNullable(columns[Column.BaseType], record.BaseType);
            var interfaces = record.InterfaceList;
            VarInt.Write(columns[Column.Interfaces], (uint)interfaces.Count);
            foreach (var face in interfaces) ColumnText.Write(columns[Column.Interfaces], face);
            ColumnText.WriteNullable(columns[Column.Obsolete], record.ObsoleteMessage);
            ColumnText.WriteNullable(columns[Column.Obsolete], record.ObsoleteDiagnosticId);
        }
        return Compression.Compress(columns.ToBytes(count));
    }

    /// <summary>A generic method's own type parameter names as its display writes them, or null for the defaults.</summary>
    private static string[]? MethodGenericNames(ApiRecord record, SegmentScopes scopes)
    {
        var head = DisplayTemplate.MethodHead(record.DocId, scopes);
        var display = record.Display;
        if (display.Length <= head.Length || !display.StartsWith(head, StringComparison.Ordinal) || display[head.Length] != '<') return null;
        var depth = 0;
        for (var i = head.Length; i < display.Length; i++)
        {
            if (display[i] == '<') depth++;
            else if (display[i] == '>' && --depth == 0)
            {
                var names = DisplayTemplate.SplitTopLevel(display[(head.Length + 1)..i]);
                return names.Length == record.GenericArity && !names.SequenceEqual(SegmentScopes.DefaultNames(names.Length)) ? names : null;
            }
        }
        return null;
    }

    // The display as (rebuilt length - common prefix, common suffix, middle): three zero bytes when the template is right.
    private static void WriteDisplayDifference(Stream stream, string display, string rebuilt)
    {
        var prefix = display.AsSpan().CommonPrefixLength(rebuilt);
        var suffix = 0;
        var limit = Math.Min(display.Length, rebuilt.Length) - prefix;
        while (suffix < limit && display[display.Length - 1 - suffix] == rebuilt[rebuilt.Length - 1 - suffix]) suffix++;
        VarInt.Write(stream, (uint)(rebuilt.Length - prefix));
        VarInt.Write(stream, (uint)suffix);
        ColumnText.Write(stream, display.AsSpan(prefix, display.Length - prefix - suffix));
    }

    private static string ReadDisplay(ReadOnlySpan<byte> data, ref int position, string rebuilt)
    {
        var prefix = rebuilt.Length - (int)VarInt.Read(data, ref position);
        var suffix = (int)VarInt.Read(data, ref position);
        var middle = ColumnText.ReadBytes(data, ref position);
        if (prefix < 0 || suffix < 0 || prefix + suffix > rebuilt.Length) throw new InvalidDataException("Catalog display difference is corrupt.");
        if (prefix == rebuilt.Length && suffix == 0 && middle.Length == 0) return rebuilt;
        return string.Concat(rebuilt.AsSpan(0, prefix), Encoding.UTF8.GetString(middle), rebuilt.AsSpan(rebuilt.Length - suffix));
    }

    /// <summary>Reads a segment's keys: its scopes and, per record, the name number (or -1 and the name's text).</summary>
    public static SegmentKeys ReadKeys(byte[] keysBlob)
    {
        var raw = Compression.Decompress(keysBlob);
        var position = 0;
        CheckFormat(raw, ref position);
        var count = (int)VarInt.Read(raw, ref position);
        var scopes = SegmentScopes.Read(raw, ref position);
        var ids = new int[count];
        string[]? literals = null;
        var previousId = 0;
        for (var i = 0; i < count; i++)
        {
            var step = VarInt.Read(raw, ref position);
            if (step == 0)
            {
                ids[i] = -1;
                (literals ??= new string[count])[i] = ColumnText.Read(raw, ref position);
                continue;
            }
            ids[i] = previousId += UnZigZag(step - 1);
            if (previousId < 0) throw new InvalidDataException("Catalog segment keys are corrupt.");
        }
        if (position != raw.Length) throw new InvalidDataException("Catalog segment keys have trailing data.");
        return new SegmentKeys(scopes, ids, literals);
    }

    /// <summary>
    /// Decodes the records of a segment that <paramref name="wanted"/> accepts (by index in the segment; null: all),
    /// decompressing only the blocks that hold one.
    /// </summary>
    public static void Decode(byte[] data, SegmentKeys keys, CatalogNames names, Func<int, bool>? wanted, List<(int Index, ApiRecord Api)> found)
    {
        var position = 0;
        var blockSize = (int)VarInt.Read(data, ref position);
        var blockCount = (int)VarInt.Read(data, ref position);
        if (blockSize <= 0 || (long)blockSize * blockCount < keys.Count) throw new InvalidDataException("Catalog segment blocks do not cover its records.");
        var lengths = new int[blockCount];
        for (var b = 0; b < blockCount; b++) lengths[b] = (int)VarInt.Read(data, ref position);
        var offset = position;
        for (var b = 0; b < blockCount; b++)
        {
            var start = b * blockSize;
            var count = Math.Min(blockSize, keys.Count - start);
            var any = wanted is null;
            for (var i = start; !any && i < start + count; i++) any = wanted!(i);
            if (any)
            {
                if (offset + lengths[b] > data.Length) throw new InvalidDataException("Catalog segment block is truncated.");
                DecodeBlock(Compression.Decompress(data.AsSpan(offset, lengths[b])), start, count, keys, names, wanted, found);
            }
            offset += lengths[b];
        }
        if (offset != data.Length) throw new InvalidDataException("Catalog segment has trailing data.");
    }

    private static void DecodeBlock(byte[] raw, int start, int count, SegmentKeys keys, CatalogNames names, Func<int, bool>? wanted,
        List<(int Index, ApiRecord Api)> found)
    {
        var position = 0;
        CheckFormat(raw, ref position);
        if ((int)VarInt.Read(raw, ref position) != count) throw new InvalidDataException("Catalog segment block has the wrong record count.");
        var cursor = new BlockCursor(raw, ref position);
        var container = new StringBuilder(64);
        string? containerText = null;
        for (var i = start; i < start + count; i++)
        {
            var shared = (int)cursor.Int(Column.Container);
            if (shared > 0)
            {
                if (shared - 1 > container.Length) throw new InvalidDataException("Catalog segment front coding is corrupt.");
                container.Length = shared - 1;
                container.Append(Encoding.UTF8.GetString(cursor.Bytes(Column.Container)));
                containerText = null;
            }
            if (wanted is null || wanted(i))
                found.Add((i, cursor.Record(containerText ??= container.ToString(), keys.NameOf(i, names), keys.Scopes)));
            else
                cursor.Skip();
        }
        cursor.CheckEnd();
    }

    /// <summary><c>DocIds.ParameterTypes(rest).Count</c> on the UTF-8 bytes, without making the strings.</summary>
    private static int ParameterCount(ReadOnlySpan<byte> rest)
    {
        var open = rest.IndexOf((byte)'(');
        if (open < 0) return 0;
        var close = rest.LastIndexOf((byte)')');
        if (close <= open + 1) return 0;
        var count = 1;
        var depth = 0;
        foreach (var c in rest[(open + 1)..close])
        {
            switch (c)
            {
                case (byte)'{' or (byte)'[' or (byte)'(':
                    depth++;
                    break;
                case (byte)'}' or (byte)']' or (byte)')':
                    depth--;
                    break;
                case (byte)',' when depth == 0:
                    count++;
                    break;
            }
        }
        return count;
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static int UnZigZag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    private static void CheckFormat(ReadOnlySpan<byte> raw, ref int position)
    {
        if (raw.Length == 0 || raw[position] != FormatVersion)
        {
            throw new InvalidDataException(
                $"catalog segment format {(raw.Length == 0 ? "(empty)" : raw[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} is not the format {FormatVersion} this ApiTruth reads; rebuild the index with 'apitruth index --force'.");
        }
        position++;
    }

    private enum Column
    {
        Container,
        Rest,
        Kind,
        Flags,
        Derived,
        Display,
        MethodGenerics,
        DeclaringType,
        ReturnType,
        ParameterCount,
        ParameterName,
        ParameterType,
        ParameterBits,
        ParameterDefault,
        Arity,
        Constraints,
        ExtendedType,
        BaseType,
        Interfaces,
        Obsolete,
    }

    private const int ColumnCount = (int)Column.Obsolete + 1;

    private sealed class BlockColumns
    {
        private readonly MemoryStream[] _streams = [.. Enumerable.Range(0, ColumnCount).Select(_ => new MemoryStream())];

        public MemoryStream this[Column column] => _streams[(int)column];

        public byte[] ToBytes(int count)
        {
            using var raw = new MemoryStream(_streams.Sum(s => (int)s.Length) + 64);
            raw.WriteByte(FormatVersion);
            VarInt.Write(raw, (uint)count);
            foreach (var stream in _streams) VarInt.Write(raw, (uint)stream.Length);
            foreach (var stream in _streams) stream.WriteTo(raw);
            return raw.ToArray();
        }
    }

    /// <summary>A read position in each column of a decompressed block.</summary>
    private sealed class BlockCursor
    {
        private readonly byte[] _raw;
        private readonly int[] _positions = new int[ColumnCount];
        private readonly int[] _ends = new int[ColumnCount];

        public BlockCursor(byte[] raw, ref int position)
        {
            _raw = raw;
            var offset = 0;
            for (var c = 0; c < ColumnCount; c++) _ends[c] = (int)VarInt.Read(raw, ref position);
            offset = position;
            for (var c = 0; c < ColumnCount; c++)
            {
                _positions[c] = offset;
                offset += _ends[c];
                _ends[c] = offset;
            }
            if (offset != raw.Length) throw new InvalidDataException("Catalog segment block columns do not add up.");
        }

        private ReadOnlySpan<byte> Span(Column column) => _raw.AsSpan(0, _ends[(int)column]);

        public uint Int(Column column) => VarInt.Read(Span(column), ref _positions[(int)column]);

        public byte Byte(Column column)
        {
            ref var position = ref _positions[(int)column];
            if (position >= _ends[(int)column]) throw new InvalidDataException("Catalog segment column is truncated.");
            return _raw[position++];
        }

        public ReadOnlySpan<byte> Bytes(Column column) => ColumnText.ReadBytes(Span(column), ref _positions[(int)column]);

        public string Text(Column column) => ColumnText.Read(Span(column), ref _positions[(int)column]);

        public string? Nullable(Column column) => ColumnText.ReadNullable(Span(column), ref _positions[(int)column]);

        private void SkipText(Column column) => ColumnText.Skip(Span(column), ref _positions[(int)column]);

        private void SkipNullable(Column column) => ColumnText.SkipNullable(Span(column), ref _positions[(int)column]);

        public ApiRecord Record(string container, string name, SegmentScopes scopes)
        {
            var rest = Encoding.UTF8.GetString(Bytes(Column.Rest));
            var kind = (ApiKind)Byte(Column.Kind);
            var flags = (ApiFlags)Int(Column.Flags);
            var derived = Byte(Column.Derived);
            var prefix = (derived & PrefixNotFromKind) != 0 ? (char)Byte(Column.Derived) : DocIdParts.PrefixOf(kind);
            var docId = DocIdParts.Join(prefix, container, name, rest);
            var declaringType = (derived & DeclaringTypeFromDocId) != 0 ? DocIds.ContainingType(docId) : Nullable(Column.DeclaringType);
            var returnType = (derived & ReturnTypeIsContainer) != 0 ? container : Nullable(Column.ReturnType);
            // Columns are independent streams: the arity can be read before the facts that depend on it.
            var arity = (int)Int(Column.Arity);
            string[]? methodNames = null;
            if (!kind.IsType() && arity > 0)
            {
                var text = Text(Column.MethodGenerics);
                if (text.Length > 0) methodNames = text.Split(',');
            }
            var typesFromDocId = (derived & ParameterTypesFromDocId) != 0 ? DocIds.ParameterTypes(rest) : null;
            var parameterCount = typesFromDocId is not null ? typesFromDocId.Count + 1 : (int)Int(Column.ParameterCount);
            ApiParameter[]? parameters = null;
            if (parameterCount > 0)
            {
                parameters = new ApiParameter[parameterCount - 1];
                for (var p = 0; p < parameters.Length; p++)
                {
                    var parameterName = Text(Column.ParameterName);
                    var type = typesFromDocId is not null ? typesFromDocId[p] : Text(Column.ParameterType);
                    var bits = Byte(Column.ParameterBits);
                    var optional = (bits & 8) != 0;
                    var defaultValue = optional ? Nullable(Column.ParameterDefault) : null;
                    parameters[p] = new ApiParameter(parameterName, type, (ParameterModifier)(bits & 7), optional, defaultValue, (bits & 16) != 0);
                }
            }
            var constraints = Nullable(Column.Constraints);
            var extendedType = Nullable(Column.ExtendedType);
            var baseType = Nullable(Column.BaseType);
            var interfaceCount = (int)Int(Column.Interfaces);
            string[]? interfaces = null;
            if (interfaceCount > 0)
            {
                interfaces = new string[interfaceCount];
                for (var n = 0; n < interfaceCount; n++) interfaces[n] = Text(Column.Interfaces);
            }
            var obsoleteMessage = Nullable(Column.Obsolete);
            var diagnosticId = Nullable(Column.Obsolete);
            var rebuilt = DisplayTemplate.Rebuild(docId, kind, flags, returnType, parameters, methodNames, scopes);
            var display = ReadDisplay(_raw.AsSpan(0, _ends[(int)Column.Display]), ref _positions[(int)Column.Display], rebuilt);
            return new ApiRecord(docId, kind, flags, display, declaringType, returnType, parameters, arity,
                constraints, extendedType, baseType, interfaces, obsoleteMessage, diagnosticId);
        }

        public void Skip()
        {
            // The doc ID's rest holds the parameter list; only its parameter count is needed here.
            var rest = Bytes(Column.Rest);
            var kind = (ApiKind)Byte(Column.Kind);
            Int(Column.Flags);
            var derived = Byte(Column.Derived);
            if ((derived & PrefixNotFromKind) != 0) Byte(Column.Derived);
            if ((derived & DeclaringTypeFromDocId) == 0) SkipNullable(Column.DeclaringType);
            if ((derived & ReturnTypeIsContainer) == 0) SkipNullable(Column.ReturnType);
            var parameterCount = (derived & ParameterTypesFromDocId) != 0 ? ParameterCount(rest) + 1 : (int)Int(Column.ParameterCount);
            for (var p = 0; p < parameterCount - 1; p++)
            {
                SkipText(Column.ParameterName);
                if ((derived & ParameterTypesFromDocId) == 0) SkipText(Column.ParameterType);
                if ((Byte(Column.ParameterBits) & 8) != 0) SkipNullable(Column.ParameterDefault);
            }
            var arity = Int(Column.Arity);
            if (!kind.IsType() && arity > 0) SkipText(Column.MethodGenerics);
            SkipNullable(Column.Constraints);
            SkipNullable(Column.ExtendedType);
            SkipNullable(Column.BaseType);
            var interfaceCount = (int)Int(Column.Interfaces);
            for (var n = 0; n < interfaceCount; n++) SkipText(Column.Interfaces);
            SkipNullable(Column.Obsolete);
            SkipNullable(Column.Obsolete);
            Int(Column.Display);
            Int(Column.Display);
            SkipText(Column.Display);
        }

        public void CheckEnd()
        {
            for (var c = 0; c < ColumnCount; c++)
                if (_positions[c] != _ends[c]) throw new InvalidDataException("Catalog segment block has trailing data.");
        }
    }
}
