/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-company-people.h"
#include "kith-person.h"
#include "kith-record-identity.h"
#include "kith-record-input.h"
#include "kith-record-reader.h"
#include "kith-record-writer.h"
#include "kith-statement.h"
#include "kith-types-private.h"

/* A company's people: those whose company it is. A person joins or leaves it through their
 * company, as when their profile's company is typed, so that a company's people and a person's
 * company are one thing written once. */

/**
 * kith_store_read_people_of:
 * @company_id: a company
 *
 * Returns: (transfer full): a list model of the #KithPerson whose company @company_id is, by
 *   name, or %NULL with @error set
 */
GListModel *
kith_store_read_people_of (KithStore  *self,
                           gint64      company_id,
                           GError    **error)
{
  /* kind 0: people */
  return kith_store_read_records_of (self, KITH_TYPE_PERSON,
                                     "SELECT id FROM records WHERE kind = 0 AND company_id = ? "
                                     "ORDER BY sort_name, id", company_id, error);
}

/* The people called @name: 0, 1 or 2 (which means several) of their ids */
static GArray *
find_people_named (KithStore   *self,
                   const char  *name,
                   GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *sort_name = kith_records_sort_name (name);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "SELECT id FROM records WHERE kind = ? AND sort_name = ? "
                                         "ORDER BY id LIMIT 2", error))
    {
      kith_statement_bind_int64 (&st, 1, KITH_RECORD_PERSON);
      kith_statement_bind_text (&st, 2, sort_name);
      while (kith_statement_step (&st, error))
        {
          gint64 id = kith_statement_column_int64 (&st, 0);

          g_array_append_val (ids, id);
        }
    }
  kith_store_unlock (self);

  return kith_statement_failed (&st) ? NULL : g_steal_pointer (&ids);
}

/**
 * kith_store_find_person:
 * @person: an email (or another identifier kith_store_lookup() knows), or a person's full name
 *
 * Returns: the id of the one person @person names, or 0 with @error set: nobody, not a person,
 *   or several people of that name
 */
gint64
kith_store_find_person (KithStore   *self,
                        const char  *person,
                        GError     **error)
{
  g_autoptr(GArray) named = NULL;
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  id = kith_store_lookup (self, person, NULL);
  if (id != 0 && kith_store_get_record_kind (self, id) != KITH_RECORD_PERSON)
    return kith_invalid (error, _("“%s” is not a person"), person), 0;
  if (id != 0)
    return id;

  named = find_people_named (self, person, error);
  if (named == NULL)
    return 0;
  if (named->len > 1)
    return kith_invalid (error, _("Several people are called “%s”: use their email"), person), 0;
  if (named->len == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("No one is known as “%s”"), person);
      return 0;
    }

  return g_array_index (named, gint64, 0);
}

/**
 * kith_store_set_company_of:
 * @person_id: a person
 * @company_id: their company, or 0 for none
 *
 * Makes @company_id the company of @person_id, as writing the person's company does.
 */
gboolean
kith_store_set_company_of (KithStore   *self,
                           gint64       person_id,
                           gint64       company_id,
                           GError     **error)
{
  g_autoptr(KithRecordValues) values = kith_record_values_new ();
  g_autofree char *company = company_id != 0 ? g_strdup_printf ("#%" G_GINT64_FORMAT, company_id) : NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (company_id != 0 && kith_store_get_record_kind (self, company_id) != KITH_RECORD_COMPANY)
    return kith_invalid (error, _("That is not a company"));

  /* By its id, not its name: another company may have the same name */
  kith_record_values_set_text (values, KITH_FIELD_COMPANY, company);
  return kith_store_update_record_from_values (self, person_id, values, KITH_FIELD_BIT (KITH_FIELD_COMPANY), error);
}
