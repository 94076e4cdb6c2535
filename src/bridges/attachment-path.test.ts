import { describe, expect, it } from "vitest";
import { attachmentPath } from "./attachment-path.js";

describe("attachmentPath", () => {
  it("keeps an attachment inside attachments/, whatever its name says", () => {
    expect(attachmentPath("report.pdf")).toBe("attachments/report.pdf");
    expect(attachmentPath("../../etc/passwd")).toBe("attachments/passwd");
    expect(attachmentPath("..\\..\\boot.ini")).toBe("attachments/boot.ini");
    expect(attachmentPath("..")).toBe("attachments/file");
    expect(attachmentPath("")).toBe("attachments/file");
    expect(attachmentPath(".bashrc")).toBe("attachments/bashrc");
    expect(attachmentPath("naïve résumé $(x).txt")).toBe("attachments/na_ve_r_sum____x_.txt");
  });
});
