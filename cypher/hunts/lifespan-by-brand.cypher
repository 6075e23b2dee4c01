// @title Lifespan of numbers by brand
// @description For each brand: how many numbers its lures used, their median, mean and longest lifespan
// in days (last - first active day + 1) and how many were active more than one day (Talos' figure 5).
// @tags lifespan, brand, talos
// @result table
// @param minNumbers integer = 1 -- leave out brands with fewer numbers
// A number's brands (those its emails impersonate) are written by `callhound analyze` (docs/graph-model.md).
MATCH (p:PhoneNumber)
WHERE p.brandCount > 0
UNWIND p.brands AS brand
WITH brand, collect(p) AS numbers
WHERE size(numbers) >= $minNumbers
UNWIND numbers AS p
WITH brand, count(p) AS numberCount, percentileCont(p.lifespan, 0.5) AS median, sum(p.lifespan) AS total,
     max(p.lifespan) AS longest, sum(CASE WHEN p.activeDays >= 2 THEN 1 ELSE 0 END) AS multiDay
RETURN brand, numberCount AS numbers, median AS medianLifespan, round(toFloat(total) / numberCount, 2, 'HALF_UP') AS meanLifespan,
       longest AS maxLifespan, multiDay AS activeMoreThanOneDay
ORDER BY numbers DESC, brand
