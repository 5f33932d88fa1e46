/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-person.h"
#include "kith-record-private.h"

/* A person: a record with a headline, a company, a birthday and a stay-in-touch cadence */

struct _KithPerson
{
  KithRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (KithPerson, kith_person, KITH_TYPE_RECORD)

enum {
  PROP_0,
  PROP_FIRST,
  PROP_LAST,
  PROP_HEADLINE,
  PROP_COMPANY,
  PROP_COMPANY_ID,
  PROP_ROLE,
  PROP_DEPARTMENT,
  PROP_BIRTHDAY,
  PROP_CADENCE,
  PROP_DO_NOT_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordProperty record_properties[] = {
  { "first", KITH_FIELD_FIRST, FALSE },
  { "last", KITH_FIELD_LAST, FALSE },
  { "headline", KITH_FIELD_HEADLINE, FALSE },
  { "company", KITH_FIELD_COMPANY, FALSE },
  { "company-id", KITH_FIELD_COMPANY_ID, TRUE },
  { "role", KITH_FIELD_ROLE, FALSE },
  { "department", KITH_FIELD_DEPARTMENT, FALSE },
  { "birthday", KITH_FIELD_BIRTHDAY, FALSE },
  /* days; 0 mutes, -1 (absent) follows the segment */
  { "cadence", KITH_FIELD_CADENCE, FALSE },
  /* mail merges leave them out */
  { "do-not-email", KITH_FIELD_DO_NOT_EMAIL, FALSE },
};

static void
kith_person_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  kith_record_get_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_person_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  kith_record_set_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_person_class_init (KithPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kith_person_get_property;
  object_class->set_property = kith_person_set_property;

  kith_record_install_properties (object_class, PROP_FIRST, record_properties, G_N_ELEMENTS (record_properties),
                                  properties);
}

static void
kith_person_init (KithPerson *self)
{
}

const char *
kith_person_get_headline (KithPerson *self)
{
  g_return_val_if_fail (KITH_IS_PERSON (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_HEADLINE);
}

void
kith_person_set_headline (KithPerson *self,
                          const char *headline)
{
  g_return_if_fail (KITH_IS_PERSON (self));

  g_object_set (self, "headline", headline, NULL);
}

/**
 * kith_person_get_company:
 *
 * Returns: (nullable): the name of the person's company
 */
const char *
kith_person_get_company (KithPerson *self)
{
  g_return_val_if_fail (KITH_IS_PERSON (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_COMPANY);
}

/**
 * kith_person_set_company:
 * @company: (nullable): a company name, domain or identifier; the store finds the company or
 *   creates it
 */
void
kith_person_set_company (KithPerson *self,
                         const char *company)
{
  g_return_if_fail (KITH_IS_PERSON (self));

  g_object_set (self, "company", company, NULL);
}

/**
 * kith_person_get_company_id:
 *
 * Returns: the id of the person's company record, or -1 for none
 */
gint64
kith_person_get_company_id (KithPerson *self)
{
  gint64 id;

  g_return_val_if_fail (KITH_IS_PERSON (self), -1);

  g_object_get (self, "company-id", &id, NULL);
  return id;
}

const char *
kith_person_get_birthday (KithPerson *self)
{
  g_return_val_if_fail (KITH_IS_PERSON (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_BIRTHDAY);
}

/**
 * kith_person_get_cadence:
 *
 * Returns: every how many days to stay in touch: 0 mutes, -1 follows the segment
 */
gint64
kith_person_get_cadence (KithPerson *self)
{
  gint64 cadence;

  g_return_val_if_fail (KITH_IS_PERSON (self), -1);

  g_object_get (self, "cadence", &cadence, NULL);
  return cadence;
}

void
kith_person_set_cadence (KithPerson *self,
                         gint64      cadence)
{
  g_return_if_fail (KITH_IS_PERSON (self));

  g_object_set (self, "cadence", cadence, NULL);
}
