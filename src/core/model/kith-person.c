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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordMember members[] = {
  { "first", "first", KITH_MEMBER_STRING, FALSE },
  { "last", "last", KITH_MEMBER_STRING, FALSE },
  { "headline", "headline", KITH_MEMBER_STRING, FALSE },
  { "company", "company", KITH_MEMBER_STRING, FALSE },
  { "company-id", "companyId", KITH_MEMBER_INT, TRUE },
  { "role", "role", KITH_MEMBER_STRING, FALSE },
  { "department", "department", KITH_MEMBER_STRING, FALSE },
  { "birthday", "birthday", KITH_MEMBER_STRING, FALSE },
  /* days; 0 mutes, -1 (absent) follows the segment */
  { "cadence", "cadence", KITH_MEMBER_INT, FALSE },
};

static void
kith_person_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  kith_record_get_member (KITH_RECORD (object), pspec, value);
}

static void
kith_person_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  kith_record_set_member (KITH_RECORD (object), pspec, value);
}

static void
kith_person_class_init (KithPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kith_person_get_property;
  object_class->set_property = kith_person_set_property;

  kith_record_install_members (object_class, PROP_FIRST, members, G_N_ELEMENTS (members), properties);
}

static void
kith_person_init (KithPerson *self)
{
}

const char *
kith_person_get_headline (KithPerson *self)
{
  g_return_val_if_fail (KITH_IS_PERSON (self), NULL);

  return kith_record_get_string_member (KITH_RECORD (self), "headline");
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

  return kith_record_get_string_member (KITH_RECORD (self), "company");
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

  return kith_record_get_string_member (KITH_RECORD (self), "birthday");
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
