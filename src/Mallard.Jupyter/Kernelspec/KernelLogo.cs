using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mallard.Jupyter.Kernelspec;

/// <summary>The kernel's logo, drawn in code: a yellow duck on a teal tile, as a square RGBA PNG.</summary>
public static class KernelLogo
{
    /// <summary>The logo as PNG bytes, <paramref name="size"/> pixels square.</summary>
    public static byte[] Png(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var pixels = new byte[size * size * 4];
        const int Samples = 4;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                // Supersample each pixel so edges are smooth at 32 px.
                double r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        var u = (x + ((sx + 0.5) / Samples)) / size;
                        var v = (y + ((sy + 0.5) / Samples)) / size;
                        var (cr, cg, cb, ca) = Shade(u, v);
                        r += cr * ca;
                        g += cg * ca;
                        b += cb * ca;
                        a += ca;
                    }
                }
                var at = ((y * size) + x) * 4;
                var n = Samples * Samples;
                pixels[at] = (byte)(a > 0 ? r / a : 0);
                pixels[at + 1] = (byte)(a > 0 ? g / a : 0);
                pixels[at + 2] = (byte)(a > 0 ? b / a : 0);
                pixels[at + 3] = (byte)Math.Round(255 * a / n);
            }
        }
        return Encode(size, size, pixels);
    }

    /// <summary>The colour at (u, v) in the unit square.</summary>
    private static (double R, double G, double B, double A) Shade(double u, double v)
    {
        static bool InEllipse(double u, double v, double cx, double cy, double rx, double ry)
            => Math.Pow((u - cx) / rx, 2) + Math.Pow((v - cy) / ry, 2) <= 1;

        if (InEllipse(u, v, 0.66, 0.36, 0.035, 0.035)) return (20, 30, 40, 1);                 // eye
        if (u > 0.72 && u < 0.92 && v > 0.40 && v < 0.48 && (v - 0.40) < (0.92 - u) * 0.6) return (240, 130, 30, 1); // beak
        if (InEllipse(u, v, 0.60, 0.40, 0.15, 0.15)) return (255, 205, 40, 1);                 // head
        if (InEllipse(u, v, 0.45, 0.66, 0.30, 0.17)) return (255, 205, 40, 1);                 // body
        // A rounded teal tile behind.
        var dx = Math.Max(Math.Abs(u - 0.5) - 0.32, 0);
        var dy = Math.Max(Math.Abs(v - 0.5) - 0.32, 0);
        return (dx * dx) + (dy * dy) <= 0.18 * 0.18 ? (22, 110, 120, 1) : (0, 0, 0, 0);
    }

    private static byte[] Encode(int width, int height, byte[] rgba)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bits per sample
        header[9] = 6;  // RGBA
        WriteChunk(png, "IHDR", header);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // no filter
                zlib.Write(rgba, y * width * 4, width * 4);
            }
        }
        WriteChunk(png, "IDAT", raw.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = Crc32(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        stream.Write(number);
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var part in new[] { type, data })
        {
            foreach (var value in part)
            {
                crc ^= value;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
