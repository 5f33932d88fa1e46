/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What Kith knows of an address book: whether it follows it, and how far that got */
typedef enum {
  KITH_ADDRESS_BOOK_STATE_OFF,         /* not followed */
  KITH_ADDRESS_BOOK_STATE_CONNECTING,  /* opening the book */
  KITH_ADDRESS_BOOK_STATE_SYNCING,     /* reading its contacts: see the progress */
  KITH_ADDRESS_BOOK_STATE_READY,       /* in sync; changes flow both ways */
  KITH_ADDRESS_BOOK_STATE_ERROR,       /* see the error */
} KithAddressBookState;

#define KITH_TYPE_ADDRESS_BOOK_STATE (kith_address_book_state_get_type ())
GType kith_address_book_state_get_type (void) G_GNUC_CONST;

#define KITH_TYPE_ADDRESS_BOOK (kith_address_book_get_type ())
G_DECLARE_FINAL_TYPE (KithAddressBook, kith_address_book, KITH, ADDRESS_BOOK, GObject)

KithAddressBook      *kith_address_book_new          (const char           *uid);
const char           *kith_address_book_get_uid      (KithAddressBook      *self);
const char           *kith_address_book_get_name     (KithAddressBook      *self);
void                  kith_address_book_set_name     (KithAddressBook      *self,
                                                      const char           *name);
const char           *kith_address_book_get_account  (KithAddressBook      *self);
void                  kith_address_book_set_account  (KithAddressBook      *self,
                                                      const char           *account);
gboolean              kith_address_book_get_writable (KithAddressBook      *self);
void                  kith_address_book_set_writable (KithAddressBook      *self,
                                                      gboolean              writable);
gboolean              kith_address_book_get_followed (KithAddressBook      *self);
void                  kith_address_book_set_followed (KithAddressBook      *self,
                                                      gboolean              followed);
KithAddressBookState  kith_address_book_get_state    (KithAddressBook      *self);
const char           *kith_address_book_get_error    (KithAddressBook      *self);
void                  kith_address_book_set_state    (KithAddressBook      *self,
                                                      KithAddressBookState  state,
                                                      const char           *error);
double                kith_address_book_get_progress (KithAddressBook      *self);
void                  kith_address_book_set_progress (KithAddressBook      *self,
                                                      double                progress);

G_END_DECLS
