/*
 * QR codes as inline SVG (libqrencode): the authenticator set-up page shows
 * the otpauth:// URI this way, without an image request that could leak it.
 */
#ifndef MADOGUCHI_WEB_QR_H
#define MADOGUCHI_WEB_QR_H

struct buf;

/* Writes an <svg> of the QR code of text, labelled for screen readers; -1 if it cannot be encoded.
 */
int qr_svg(struct buf *b, const char *text, const char *label);

#endif
