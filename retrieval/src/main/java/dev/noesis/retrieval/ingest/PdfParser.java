package dev.noesis.retrieval.ingest;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDF through Apache PDFBox: the text of every page, in reading order; the title from the document's metadata. */
public final class PdfParser implements DocumentParser {

    @Override
    public ParsedDocument parse(byte[] bytes, String fileName) {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            String text = stripper.getText(pdf);
            String title = pdf.getDocumentInformation() == null
                    ? null
                    : pdf.getDocumentInformation().getTitle();
            return new ParsedDocument(title == null || title.isBlank() ? fileName : title.strip(), text, false);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("the PDF is encrypted with a password", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("not a readable PDF: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // PDFBox meets some broken files with NullPointer, ClassCast or IndexOutOfBounds exceptions:
            // that file is unreadable, and the ingest goes on with the others.
            throw new UnreadableDocumentException("a broken PDF (" + e + ")", e);
        }
    }
}
