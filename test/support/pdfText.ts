import { PDFParse } from 'pdf-parse';

/** The text of a PDF (read with pdf-parse), every run of white space one space (line breaks, no-break spaces). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}
