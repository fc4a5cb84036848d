#include "democatalog.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

WorkflowParameter parameter(const QString &key, ParameterType type, const QString &description,
    const QJsonValue &defaultValue = QJsonValue())
{
    WorkflowParameter result;
    result.key = key;
    result.type = type;
    result.typeText = parameterTypeToWire(type);
    result.description = description;
    result.defaultValue = defaultValue;
    return result;
}

} // namespace

QList<DemoWorkflowTemplate> DemoCatalog::workflows()
{
    using T = ParameterType;
    return {
        {u"Vendor portal: download invoices"_s,
            u"Logs in to the supplier portal and downloads last month's invoices."_s,
            u"https://portal.acme-supplies.example/login"_s,
            {parameter(u"login_url"_s, T::String, u"Portal login page"_s,
                 u"https://portal.acme-supplies.example/login"_s),
                parameter(u"credential"_s, T::CredentialId, u"Stored portal credential"_s),
                parameter(u"invoice_month"_s, T::String, u"Month to download, YYYY-MM"_s)},
            {u"Opening the login page"_s, u"Filling the login form"_s, u"Waiting for MFA"_s,
                u"Opening Billing → Invoices"_s, u"Selecting the month"_s,
                u"Downloading invoice PDFs"_s},
            u"invoices.csv"_s},
        {u"Auto insurance quote"_s, u"Requests an auto insurance quote and extracts the premium."_s,
            u"https://quotes.safedrive-insurance.example/auto"_s,
            {parameter(u"zip_code"_s, T::String, u"Garaging ZIP code"_s),
                parameter(u"vehicle_year"_s, T::Integer, u"Model year of the vehicle"_s, 2021),
                parameter(u"coverage"_s, T::Json, u"Coverage options as JSON"_s,
                    QJsonObject {{u"liability"_s, u"100/300"_s}})},
            {u"Opening the quote form"_s, u"Entering driver details"_s, u"Entering vehicle"_s,
                u"Choosing coverage"_s, u"Reading the premium"_s},
            QString()},
        {u"Job application submitter"_s, u"Fills in and submits a job application."_s,
            u"https://careers.northwind.example/jobs"_s,
            {parameter(u"job_url"_s, T::String, u"Posting to apply to"_s),
                parameter(u"resume"_s, T::FileUrl, u"Résumé PDF"_s),
                parameter(u"cover_letter"_s, T::String, u"Cover letter text"_s)},
            {u"Opening the posting"_s, u"Uploading the résumé"_s, u"Answering questions"_s,
                u"Reviewing the application"_s, u"Submitting"_s},
            QString()},
        {u"Competitor price watch"_s, u"Collects prices of tracked products."_s,
            u"https://shop.contoso.example/catalog"_s,
            {parameter(u"product_urls"_s, T::Json, u"Product pages to read"_s),
                parameter(u"max_pages"_s, T::Integer, u"Pages of results to read"_s, 3)},
            {u"Opening the catalogue"_s, u"Reading page 1"_s, u"Reading page 2"_s,
                u"Reading page 3"_s, u"Extracting prices"_s},
            u"prices.csv"_s},
        {u"Permit status check"_s, u"Looks up a building permit's status on the city site."_s,
            u"https://permits.cityofriverton.example/search"_s,
            {parameter(u"permit_number"_s, T::String, u"Permit number, e.g. BP-2026-0042"_s),
                parameter(u"state"_s, T::String, u"Two-letter state"_s, u"CA"_s)},
            {u"Opening the permit search"_s, u"Solving the search form"_s,
                u"Reading the permit page"_s},
            QString()},
        {u"Eligibility verification"_s,
            u"Checks a member's insurance eligibility on a payer portal."_s,
            u"https://providers.bluepeak-health.example/eligibility"_s,
            {parameter(u"member_id"_s, T::String, u"Member id on the card"_s),
                parameter(u"date_of_service"_s, T::String, u"Date of service, YYYY-MM-DD"_s),
                parameter(u"payer_credential"_s, T::CredentialId, u"Payer portal login"_s)},
            {u"Signing in to the payer portal"_s, u"Searching the member"_s, u"Opening benefits"_s,
                u"Extracting copay and deductible"_s},
            QString()},
        {u"Supplier onboarding form"_s, u"Registers a new supplier in the procurement portal."_s,
            u"https://procure.fabrikam.example/suppliers/new"_s,
            {parameter(u"company_name"_s, T::String, u"Legal company name"_s),
                parameter(u"tax_id"_s, T::String, u"Tax identification number"_s),
                parameter(u"accept_terms"_s, T::Boolean, u"Accept the supplier terms"_s, true)},
            {u"Opening the registration form"_s, u"Entering company details"_s, u"Uploading W-9"_s,
                u"Accepting terms"_s, u"Submitting"_s},
            QString()},
        {u"Hacker News top posts"_s, u"Reads the top posts of Hacker News."_s,
            u"https://news.ycombinator.com"_s,
            {parameter(u"count"_s, T::Integer, u"How many posts to read"_s, 3),
                parameter(u"include_comments"_s, T::Boolean, u"Also read comment counts"_s, false)},
            {u"Opening the front page"_s, u"Reading posts"_s, u"Extracting titles"_s}, QString()},
        {u"Shipment tracking"_s, u"Reads the latest tracking events of a parcel."_s,
            u"https://track.parcelpoint.example"_s,
            {parameter(u"tracking_number"_s, T::String, u"Carrier tracking number"_s),
                parameter(u"carrier"_s, T::String, u"Carrier name"_s, u"ParcelPoint"_s)},
            {u"Opening the tracking page"_s, u"Entering the tracking number"_s,
                u"Reading events"_s},
            QString()},
        {u"Lead enrichment"_s, u"Enriches a sales lead from its public company profile."_s,
            u"https://directory.bizlookup.example"_s,
            {parameter(u"company_domain"_s, T::String, u"Company web domain"_s),
                parameter(u"min_confidence"_s, T::Float, u"Minimum match confidence"_s, 0.8)},
            {u"Searching the directory"_s, u"Opening the company profile"_s,
                u"Extracting headcount and industry"_s, u"Scoring the match"_s},
            QString()},
    };
}

QList<DemoFailure> DemoCatalog::failures()
{
    return {
        {u"INVALID_CREDENTIALS"_s,
            u"The portal rejected the username or password: \"Invalid email or password\"."_s,
            u"CREDENTIALS"_s},
        {u"LOGIN_FAILED"_s, u"Could not log in: the login form did not accept the submission."_s,
            u"CREDENTIALS"_s},
        {u"CAPTCHA_DETECTED"_s, u"A CAPTCHA blocked the page and could not be solved."_s,
            u"ANTI_BOT"_s},
        {u"MFA_REQUIRED"_s,
            u"The site asked for a verification code and no TOTP code arrived within 5 minutes."_s,
            u"CREDENTIALS"_s},
        {u"ELEMENT_NOT_FOUND"_s,
            u"Could not find the \"Download\" button; the page layout may have changed."_s,
            u"PAGE_CHANGED"_s},
        {u"PAGE_LOAD_TIMEOUT"_s, u"The page did not finish loading within 60 seconds."_s,
            u"NAVIGATION"_s},
        {u"FORM_VALIDATION_ERROR"_s,
            u"The form reported \"ZIP code is not valid for the selected state\"."_s, u"DATA"_s},
        {u"ACCOUNT_LOCKED"_s, u"The account is locked after too many failed sign-in attempts."_s,
            u"CREDENTIALS"_s},
        {u"DOWNLOAD_FAILED"_s, u"The file download started but never completed."_s, u"DOWNLOAD"_s},
        {u"RATE_LIMITED_BY_SITE"_s, u"The website answered \"Too many requests\" repeatedly."_s,
            u"ANTI_BOT"_s},
    };
}

QJsonValue DemoCatalog::sampleValue(const WorkflowParameter &parameter, int index)
{
    static const QStringList zips {u"94107"_s, u"10001"_s, u"73301"_s, u"98101"_s, u"33101"_s};
    static const QStringList companies {u"Globex Corporation"_s, u"Initech LLC"_s,
        u"Umbrella Logistics"_s, u"Stark Components"_s, u"Wayne Freight"_s, u"Tyrell Biotech"_s};
    static const QStringList domains {u"globex.example"_s, u"initech.example"_s,
        u"umbrella-logistics.example"_s, u"starkparts.example"_s};
    const QString &key = parameter.key;
    switch (parameter.type) {
    case ParameterType::Integer:
        return key == "vehicle_year"_L1 ? 2012 + index % 13 : 1 + index % 10;
    case ParameterType::Float:
        return 0.5 + (index % 5) / 10.0;
    case ParameterType::Boolean:
        return index % 3 != 0;
    case ParameterType::Json:
        if (key == "product_urls"_L1)
            return QJsonArray {u"https://shop.contoso.example/p/%1"_s.arg(1000 + index % 90),
                u"https://shop.contoso.example/p/%1"_s.arg(2000 + index % 70)};
        return QJsonObject {{u"liability"_s, index % 2 ? u"100/300"_s : u"50/100"_s},
            {u"collision"_s, index % 3 == 0}};
    case ParameterType::FileUrl:
        return u"https://files.northwind.example/resumes/candidate-%1.pdf"_s.arg(index % 400);
    case ParameterType::CredentialId:
        return u"cred_%1"_s.arg(QString::number(4102 + index % 7));
    case ParameterType::String:
    case ParameterType::Unknown:
        break;
    }
    if (key == "login_url"_L1)
        return u"https://portal.acme-supplies.example/login"_s;
    if (key == "invoice_month"_L1)
        return u"2026-%1"_s.arg(1 + index % 11, 2, 10, QLatin1Char('0'));
    if (key == "zip_code"_L1)
        return zips.at(index % zips.size());
    if (key == "job_url"_L1)
        return u"https://careers.northwind.example/jobs/%1"_s.arg(300 + index % 50);
    if (key == "cover_letter"_L1)
        return u"I am excited to apply for this role."_s;
    if (key == "permit_number"_L1)
        return u"BP-2026-%1"_s.arg(index % 9000 + 100, 4, 10, QLatin1Char('0'));
    if (key == "state"_L1)
        return QStringList {u"CA"_s, u"NY"_s, u"TX"_s, u"WA"_s}.at(index % 4);
    if (key == "member_id"_L1)
        return u"BPH%1"_s.arg(880000 + index * 37 % 99999);
    if (key == "date_of_service"_L1)
        return u"2026-%1-%2"_s.arg(1 + index % 11, 2, 10, QLatin1Char('0'))
            .arg(1 + index % 27, 2, 10, QLatin1Char('0'));
    if (key == "company_name"_L1)
        return companies.at(index % companies.size());
    if (key == "tax_id"_L1)
        return u"%1-%2"_s.arg(10 + index % 89).arg(1000000 + index * 7919 % 8999999);
    if (key == "tracking_number"_L1)
        return u"PP%1US"_s.arg(100000000 + index * 104729 % 899999999);
    if (key == "carrier"_L1)
        return u"ParcelPoint"_s;
    if (key == "company_domain"_L1)
        return domains.at(index % domains.size());
    return u"value-%1"_s.arg(index);
}
