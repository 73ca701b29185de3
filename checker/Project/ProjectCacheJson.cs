using System.Text.Json.Serialization;
using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Project;

/// <summary>
/// Compile-time (source-generated) serialization of cached reports: an unchanged re-run reads tens of thousands of
/// findings, and the reflection-based serializer would spend most of that run building its converters.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CheckReport))]
internal sealed partial class ProjectCacheJson : JsonSerializerContext;
